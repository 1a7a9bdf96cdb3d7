import { Database } from '@warbler/api/core';
import {
  actorFor,
  closeOwnerClient,
  newEndpoint,
  newMember,
  newTenant,
  ownerClient,
  startTestApp,
  startWebhookReceiver,
  type TestApp,
  type WebhookReceiver,
} from '../testing';
import { TenantWebhooks } from './events/tenant-webhooks';
import { WebhooksModule } from './webhooks.module';

const EVENTS = 25;

/** Two API instances one after the other on one database, each with its delivery worker running. */
describe('webhook deliveries across an API restart', () => {
  let receiver: WebhookReceiver;
  const running: TestApp[] = [];
  const instance = async () => {
    const app = await startTestApp([WebhooksModule], { config: { jobsEnabled: true, webhookTimeoutMs: 5_000 } });
    running.push(app);
    return app;
  };
  const stop = async (app: TestApp) => {
    running.splice(running.indexOf(app), 1);
    await app.close();
  };

  beforeAll(async () => {
    // Slow enough that the first instance is stopped with the queue half done.
    receiver = await startWebhookReceiver(() => ({ status: 200, body: 'ok', delayMs: 150 }));
  });

  afterAll(async () => {
    await Promise.all(running.map((app) => app.close()));
    await receiver.close();
    await closeOwnerClient();
  });

  it('delivers every event exactly once when the first instance stops mid-queue', async () => {
    const tenant = await newTenant();
    const actor = actorFor(await newMember(tenant.id, 'OWNER'));
    const first = await instance();
    await newEndpoint(first, actor, receiver.url, ['quota.exceeded']);
    // Queued in one transaction, so the worker finds them all at once.
    await first.app
      .get(Database)
      .forTenant(actor)
      .transaction(async (tx) => {
        for (let n = 0; n < EVENTS; n += 1) {
          await first.app.get(TenantWebhooks).publish(tx, tenant.id, 'quota.exceeded', {
            metric: `metric_${n}`,
            metric_name: `Metric ${n}`,
            unit: 'calls',
            limit: '100',
            used: '100',
            threshold_percent: 100,
            enforcement: 'HARD',
            period_start: '2026-11-01T00:00:00.000Z',
            resets_at: '2026-12-01T00:00:00.000Z',
          });
        }
      });

    await receiver.waitFor(1);
    await stop(first);
    const deliveredByFirst = receiver.received.length;
    expect(deliveredByFirst).toBeGreaterThan(0);
    expect(deliveredByFirst).toBeLessThan(EVENTS);
    // The stopped instance finished and recorded what it had started: nothing is left leased.
    expect(
      await ownerClient().webhookDelivery.count({ where: { tenantId: tenant.id, lockedUntil: { not: null } } }),
    ).toBe(0);

    await instance();
    await receiver.waitFor(EVENTS);
    // Give a duplicate, if there were one, the time to arrive.
    await new Promise((resolve) => setTimeout(resolve, 2_500));

    const eventIds = receiver.received.map((request) => request.headers['warbler-event-id']);
    expect(eventIds).toHaveLength(EVENTS);
    expect(new Set(eventIds).size).toBe(EVENTS);
    const deliveries = await ownerClient().webhookDelivery.findMany({ where: { tenantId: tenant.id } });
    expect(deliveries.map((d) => [d.status, d.attempts])).toEqual(
      Array.from({ length: EVENTS }, () => ['SUCCEEDED', 1]),
    );
    expect(await ownerClient().webhookDeliveryAttempt.count({ where: { tenantId: tenant.id } })).toBe(EVENTS);
  });
});
