import { Database, type TenantActor } from '@warbler/api/core';
import {
  actorFor,
  closeOwnerClient,
  documentedRecipe,
  newEndpoint,
  newMember,
  newTenant,
  ownerClient,
  startTestApp,
  startWebhookReceiver,
  type TestApp,
  type WebhookReceiver,
} from '../testing';
import { WebhookDispatcher } from './delivery/webhook-dispatcher';
import { FIRST_RETRY_MS, RETRY_WINDOW_MS } from './delivery/retry-schedule';
import { WebhookEndpoints } from './endpoints/webhook-endpoints.service';
import { TenantWebhooks } from './events/tenant-webhooks';
import type { InvoiceFinalizedData } from './events/webhook-event-types';
import { WebhooksModule } from './webhooks.module';

const verify = documentedRecipe();

const INVOICE: InvoiceFinalizedData = {
  invoice_id: '0193bfff-1111-7000-8000-000000000002',
  number: 'INV-2026-000042',
  currency: 'USD',
  total_minor: '12000',
  amount_due_minor: '12000',
  period_start: '2026-11-01T00:00:00.000Z',
  period_end: '2026-12-01T00:00:00.000Z',
  issued_at: '2026-12-01T09:00:00.000Z',
  due_at: '2026-12-31T09:00:00.000Z',
};

describe('webhook delivery', () => {
  let app: TestApp;
  let dispatcher: WebhookDispatcher;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    app = await startTestApp([WebhooksModule], { config: { webhookTimeoutMs: 400 } });
    dispatcher = app.app.get(WebhookDispatcher);
    receiver = await startWebhookReceiver();
  });

  afterAll(async () => {
    await receiver.close();
    await app.close();
    await closeOwnerClient();
  });

  beforeEach(() => {
    receiver.received.length = 0;
    receiver.answerWith(() => ({ status: 200, body: 'ok' }));
  });

  async function admin(): Promise<TenantActor> {
    const tenant = await newTenant();
    return actorFor(await newMember(tenant.id, 'ADMIN'));
  }

  const publish = (tenantId: string, data: InvoiceFinalizedData = INVOICE, dedupeKey?: string) =>
    app.app
      .get(Database)
      .forTenant({ tenantId })
      .transaction((tx) => app.app.get(TenantWebhooks).publish(tx, tenantId, 'invoice.finalized', data, { dedupeKey }));
  const deliveriesOf = (tenantId: string) =>
    ownerClient().webhookDelivery.findMany({
      where: { tenantId },
      include: { attemptsMade: { orderBy: { number: 'asc' } }, event: true },
      orderBy: { createdAt: 'asc' },
    });
  const later = (ms: number) => new Date(Date.now() + ms);

  describe('publishing', () => {
    it('writes the event and one delivery per enabled endpoint subscribed to its type', async () => {
      const actor = await admin();
      const subscribed = await newEndpoint(app, actor, receiver.url, ['invoice.finalized', 'invoice.paid']);
      await newEndpoint(app, actor, receiver.url, ['invoice.paid']);
      const disabled = await newEndpoint(app, actor, receiver.url, ['invoice.finalized']);
      await app.app.get(WebhookEndpoints).update(actor, disabled.endpoint.id, { enabled: false });

      await publish(actor.tenantId);

      const deliveries = await deliveriesOf(actor.tenantId);
      expect(deliveries.map((d) => d.endpointId)).toEqual([subscribed.endpoint.id]);
      expect(deliveries[0]).toMatchObject({ status: 'PENDING', attempts: 0 });
      expect(deliveries[0].event).toMatchObject({ type: 'invoice.finalized', data: INVOICE });
      expect(deliveries[0].retryUntil.getTime() - deliveries[0].event.createdAt.getTime()).toBe(RETRY_WINDOW_MS);
    });

    it('writes nothing for a tenant with no subscribed endpoint', async () => {
      const actor = await admin();
      await newEndpoint(app, actor, receiver.url, ['quota.exceeded']);
      await publish(actor.tenantId);
      expect(await ownerClient().webhookEvent.count({ where: { tenantId: actor.tenantId } })).toBe(0);
    });

    it('writes an event with a dedupe key once', async () => {
      const actor = await admin();
      await newEndpoint(app, actor, receiver.url);
      await publish(actor.tenantId, INVOICE, 'once');
      await publish(actor.tenantId, INVOICE, 'once');
      expect(await deliveriesOf(actor.tenantId)).toHaveLength(1);
    });

    it('rolls back with the transaction that raised it', async () => {
      const actor = await admin();
      await newEndpoint(app, actor, receiver.url);
      const failed = app.app
        .get(Database)
        .forTenant(actor)
        .transaction(async (tx) => {
          await app.app.get(TenantWebhooks).publish(tx, actor.tenantId, 'invoice.finalized', INVOICE);
          throw new Error('the finalization failed later');
        });
      await expect(failed).rejects.toThrow('the finalization failed later');
      expect(await deliveriesOf(actor.tenantId)).toEqual([]);
    });
  });

  describe('a delivery', () => {
    it('POSTs the event signed so that the documented recipe verifies it', async () => {
      const actor = await admin();
      const { endpoint, secret } = await newEndpoint(app, actor, receiver.url);
      await publish(actor.tenantId);

      expect(await dispatcher.deliverDue(new Date(), actor.tenantId)).toEqual({ succeeded: 1, failed: 0 });

      const [request] = receiver.received;
      const [delivery] = await deliveriesOf(actor.tenantId);
      expect(request.headers).toMatchObject({
        'content-type': 'application/json',
        'warbler-event-id': delivery.eventId,
        'warbler-event-type': 'invoice.finalized',
      });
      expect(JSON.parse(request.body)).toEqual({
        id: delivery.eventId,
        type: 'invoice.finalized',
        created_at: delivery.event.createdAt.toISOString(),
        tenant_id: actor.tenantId,
        data: INVOICE,
      });
      const header = request.headers['warbler-signature'] as string;
      expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      expect(verify(request.body, header, secret)).toBe(true);
      // The recipe must be able to say no: another secret, another body, a stale timestamp.
      expect(verify(request.body, header, `${secret}x`)).toBe(false);
      expect(verify(request.body.replace('12000', '1'), header, secret)).toBe(false);
      const stale = header.replace(/^t=(\d+)/, (_, t: string) => `t=${Number(t) - 600}`);
      expect(verify(request.body, stale, secret)).toBe(false);

      expect(delivery).toMatchObject({ status: 'SUCCEEDED', attempts: 1, lastStatusCode: 200, lockedUntil: null });
      expect(delivery.attemptsMade).toEqual([
        expect.objectContaining({ number: 1, succeeded: true, statusCode: 200, responseSnippet: 'ok', error: null }),
      ]);
      expect(endpoint.id).toBe(delivery.endpointId);
    });

    it('retries after a 500 and a timeout, with backoff, attempts in order, until a 2xx', async () => {
      const actor = await admin();
      await newEndpoint(app, actor, receiver.url);
      receiver.answerWith(
        (_request, index) =>
          [
            { status: 500, body: 'database is down' },
            { status: 200, body: 'too late', delayMs: 1_500 },
            { status: 204 },
          ][index] ?? { status: 200 },
      );
      await publish(actor.tenantId);

      const first = new Date();
      expect(await dispatcher.deliverDue(first, actor.tenantId)).toEqual({ succeeded: 0, failed: 1 });
      const [afterFirst] = await deliveriesOf(actor.tenantId);
      expect(afterFirst).toMatchObject({ status: 'PENDING', attempts: 1, lastStatusCode: 500 });
      const firstWait = afterFirst.nextAttemptAt.getTime() - first.getTime();
      expect(firstWait).toBeGreaterThanOrEqual(FIRST_RETRY_MS / 2);
      expect(firstWait).toBeLessThanOrEqual(FIRST_RETRY_MS);
      // Not due yet: nothing is attempted before the backoff ends.
      expect(await dispatcher.deliverDue(first, actor.tenantId)).toEqual({ succeeded: 0, failed: 0 });

      const second = new Date(afterFirst.nextAttemptAt.getTime());
      expect(await dispatcher.deliverDue(second, actor.tenantId)).toEqual({ succeeded: 0, failed: 1 });
      const [afterSecond] = await deliveriesOf(actor.tenantId);
      expect(afterSecond).toMatchObject({ status: 'PENDING', attempts: 2, lastStatusCode: null });
      expect(afterSecond.lastError).toMatch(/Timed out/);
      expect(afterSecond.nextAttemptAt.getTime() - second.getTime()).toBeGreaterThanOrEqual(FIRST_RETRY_MS);

      expect(await dispatcher.deliverDue(afterSecond.nextAttemptAt, actor.tenantId)).toEqual({
        succeeded: 1,
        failed: 0,
      });
      const [done] = await deliveriesOf(actor.tenantId);
      expect(done).toMatchObject({ status: 'SUCCEEDED', attempts: 3, lastStatusCode: 204 });
      expect(done.attemptsMade.map((a) => [a.number, a.succeeded, a.statusCode])).toEqual([
        [1, false, 500],
        [2, false, null],
        [3, true, 204],
      ]);
      expect(done.attemptsMade[0].responseSnippet).toBe('database is down');
      expect(done.attemptsMade[1].durationMs).toBeGreaterThanOrEqual(350);
      const times = done.attemptsMade.map((a) => a.attemptedAt.getTime());
      expect([...times].sort((a, b) => a - b)).toEqual(times);
      // Every attempt carried the same event id.
      expect(new Set(receiver.received.map((r) => r.headers['warbler-event-id'])).size).toBe(1);
    });

    it('is FAILED when the next retry would fall after three days', async () => {
      const actor = await admin();
      await newEndpoint(app, actor, receiver.url);
      receiver.answerWith(() => ({ status: 503 }));
      await publish(actor.tenantId);
      const [queued] = await deliveriesOf(actor.tenantId);

      const lastChance = new Date(queued.retryUntil.getTime() - 1_000);
      await ownerClient().webhookDelivery.update({
        where: { tenantId_id: { tenantId: actor.tenantId, id: queued.id } },
        data: { nextAttemptAt: lastChance },
      });
      expect(await dispatcher.deliverDue(lastChance, actor.tenantId)).toEqual({ succeeded: 0, failed: 1 });

      const [failed] = await deliveriesOf(actor.tenantId);
      expect(failed).toMatchObject({ status: 'FAILED', lastStatusCode: 503, lastError: 'The endpoint answered 503' });
      expect(await dispatcher.deliverDue(later(4 * RETRY_WINDOW_MS), actor.tenantId)).toEqual({
        succeeded: 0,
        failed: 0,
      });
    });

    it('is attempted again once the lease of a worker that died has run out', async () => {
      const actor = await admin();
      await newEndpoint(app, actor, receiver.url);
      await publish(actor.tenantId);
      const [queued] = await deliveriesOf(actor.tenantId);
      // A worker claimed it (attempt 1) and died before it sent anything.
      await ownerClient().webhookDelivery.update({
        where: { tenantId_id: { tenantId: actor.tenantId, id: queued.id } },
        data: { attempts: 1, lockedUntil: later(60_000) },
      });
      expect(await dispatcher.deliverDue(new Date(), actor.tenantId)).toEqual({ succeeded: 0, failed: 0 });

      expect(await dispatcher.deliverDue(later(61_000), actor.tenantId)).toEqual({ succeeded: 1, failed: 0 });
      const [delivered] = await deliveriesOf(actor.tenantId);
      expect(delivered).toMatchObject({ status: 'SUCCEEDED', attempts: 2 });
      expect(delivered.attemptsMade.map((a) => a.number)).toEqual([2]);
    });

    it('waits while its endpoint is disabled and goes out once it is enabled again', async () => {
      const actor = await admin();
      const { endpoint } = await newEndpoint(app, actor, receiver.url);
      await publish(actor.tenantId);
      await app.app.get(WebhookEndpoints).update(actor, endpoint.id, { enabled: false });
      expect(await dispatcher.deliverDue(new Date(), actor.tenantId)).toEqual({ succeeded: 0, failed: 0 });

      await app.app.get(WebhookEndpoints).update(actor, endpoint.id, { enabled: true });
      expect(await dispatcher.deliverDue(new Date(), actor.tenantId)).toEqual({ succeeded: 1, failed: 0 });
    });
  });

  describe('secret rotation', () => {
    it('signs with both secrets for 24 hours, then with the new one only', async () => {
      const actor = await admin();
      const { endpoint, secret: oldSecret } = await newEndpoint(app, actor, receiver.url);
      const rotated = await app.app.get(WebhookEndpoints).rotateSecret(actor, endpoint.id, false);
      const newSecret = rotated.secret;
      expect(newSecret).not.toBe(oldSecret);
      const overlapEnd = rotated.endpoint.previousSecretExpiresAt?.getTime() ?? 0;
      expect(overlapEnd - Date.now()).toBeGreaterThan(24 * 3600 * 1000 - 60_000);

      await publish(actor.tenantId);
      await dispatcher.deliverDue(new Date(), actor.tenantId);
      const during = receiver.received[0];
      const header = during.headers['warbler-signature'] as string;
      expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
      expect(verify(during.body, header, newSecret)).toBe(true);
      expect(verify(during.body, header, oldSecret)).toBe(true);

      // The overlap is over.
      await ownerClient().webhookEndpoint.update({
        where: { tenantId_id: { tenantId: actor.tenantId, id: endpoint.id } },
        data: { previousSecretExpiresAt: new Date(Date.now() - 1000) },
      });
      await publish(actor.tenantId, { ...INVOICE, number: 'INV-2026-000043' });
      await dispatcher.deliverDue(new Date(), actor.tenantId);
      const after = receiver.received[1];
      const afterHeader = after.headers['warbler-signature'] as string;
      expect(afterHeader).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      expect(verify(after.body, afterHeader, newSecret)).toBe(true);
      expect(verify(after.body, afterHeader, oldSecret)).toBe(false);
    });

    it('drops the current secret at once when asked to', async () => {
      const actor = await admin();
      const { endpoint, secret: leaked } = await newEndpoint(app, actor, receiver.url);
      const { secret, endpoint: rotated } = await app.app.get(WebhookEndpoints).rotateSecret(actor, endpoint.id, true);
      expect(rotated.previousSecretExpiresAt).toBeNull();
      await publish(actor.tenantId);
      await dispatcher.deliverDue(new Date(), actor.tenantId);
      const [request] = receiver.received;
      const header = request.headers['warbler-signature'] as string;
      expect(verify(request.body, header, secret)).toBe(true);
      expect(verify(request.body, header, leaked)).toBe(false);
    });
  });

  describe('refused targets in production mode', () => {
    let production: TestApp;

    beforeAll(async () => {
      production = await startTestApp([WebhooksModule], {
        config: { nodeEnv: 'production', webhookAllowPrivateTargets: false, webhookTimeoutMs: 400 },
      });
    });

    afterAll(() => production.close());

    it('fails the attempt, before connecting, when the host resolves to 127.0.0.1 at delivery', async () => {
      const actor = await admin();
      // Registered while it resolved to a public address; by delivery time it resolves to loopback.
      const rebound = `https://localhost:${receiver.port}/hooks`;
      await newEndpoint(app, actor, rebound);
      await publish(actor.tenantId);
      const connectionsBefore = receiver.connections();

      expect(await production.app.get(WebhookDispatcher).deliverDue(new Date(), actor.tenantId)).toEqual({
        succeeded: 0,
        failed: 1,
      });

      const [delivery] = await deliveriesOf(actor.tenantId);
      expect(delivery.attemptsMade[0]).toMatchObject({ succeeded: false, statusCode: null });
      expect(delivery.attemptsMade[0].error).toMatch(
        /^Refused: localhost resolves to (127\.0\.0\.1|::1), which is not a public address$/,
      );
      expect(receiver.connections()).toBe(connectionsBefore);
    });

    it('fails the attempt for a private IP literal and for plain http', async () => {
      const actor = await admin();
      await newEndpoint(app, actor, `https://127.0.0.1:${receiver.port}/hooks`);
      await newEndpoint(app, actor, `http://example.com/hooks`);
      await publish(actor.tenantId);
      const connectionsBefore = receiver.connections();

      await production.app.get(WebhookDispatcher).deliverDue(new Date(), actor.tenantId);

      const errors = (await deliveriesOf(actor.tenantId)).map((d) => d.attemptsMade[0]?.error).sort();
      expect(errors).toEqual([
        'Refused: 127.0.0.1 is not a public address',
        'Refused: The URL must start with https://',
      ]);
      expect(receiver.connections()).toBe(connectionsBefore);
    });
  });
});
