import {
  actorFor,
  bearerFor,
  type Caller,
  closeOwnerClient,
  dataOf,
  type DeliveryView,
  type EndpointView,
  graphql,
  newMember,
  newTenant,
  outcome,
  ownerClient,
  signedInStaffAs,
  startTestApp,
  startWebhookReceiver,
  type TestApp,
  WebhookOps,
  type WebhookReceiver,
} from '../testing';
import { WebhookDispatcher } from './delivery/webhook-dispatcher';
import { MAX_WEBHOOK_ENDPOINTS } from './endpoints/webhook-rules';
import { WebhooksModule } from './webhooks.module';

type Created = { createWebhookEndpoint: { secret: string; endpoint: EndpointView } };

describe('webhooks over GraphQL', () => {
  let app: TestApp;
  let production: TestApp;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    app = await startTestApp([WebhooksModule]);
    production = await startTestApp([WebhooksModule], {
      config: { nodeEnv: 'production', webhookAllowPrivateTargets: false },
    });
    receiver = await startWebhookReceiver();
  });

  afterAll(async () => {
    await receiver.close();
    await production.close();
    await app.close();
    await closeOwnerClient();
  });

  async function tenantAdmin() {
    const tenant = await newTenant();
    const member = await newMember(tenant.id, 'ADMIN');
    const caller: Caller = { token: await bearerFor(member.user), tenantId: tenant.id };
    return { tenantId: tenant.id, actor: actorFor(member), caller };
  }

  const create = async (caller: Caller, input: Record<string, unknown> = {}, on = app) =>
    dataOf(
      await graphql<Created>(on, caller, WebhookOps.createWebhookEndpoint, {
        input: { url: receiver.url, eventTypes: ['INVOICE_FINALIZED', 'QUOTA_EXCEEDED'], ...input },
      }),
    ).createWebhookEndpoint;
  const auditOf = (tenantId: string) =>
    ownerClient().auditEvent.findMany({ where: { tenantId }, orderBy: { seq: 'asc' } });

  describe('endpoints', () => {
    it('creates an endpoint whose secret is answered once and stored only encrypted', async () => {
      const { tenantId, caller } = await tenantAdmin();
      const { secret, endpoint } = await create(caller, { description: '  Billing sync  ' });

      expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
      expect(endpoint).toMatchObject({
        url: receiver.url,
        description: 'Billing sync',
        eventTypes: ['INVOICE_FINALIZED', 'QUOTA_EXCEEDED'],
        enabled: true,
        secretHint: secret.slice(-4),
        previousSecretExpiresAt: null,
      });
      const stored = await ownerClient().webhookEndpoint.findFirstOrThrow({ where: { tenantId } });
      expect(stored.eventTypes).toEqual(['invoice.finalized', 'quota.exceeded']);
      expect(JSON.stringify(stored)).not.toContain(secret.slice(6));
      const listed = dataOf(
        await graphql<{ webhookEndpoints: EndpointView[] }>(app, caller, WebhookOps.webhookEndpoints),
      );
      expect(listed.webhookEndpoints).toEqual([endpoint]);
      expect(JSON.stringify(listed)).not.toContain(secret);

      const [audit] = await auditOf(tenantId);
      expect(audit).toMatchObject({
        action: 'webhook_endpoint.created',
        targetType: 'WebhookEndpoint',
        targetId: endpoint.id,
      });
      expect(JSON.stringify(audit.changes)).not.toContain(secret.slice(6));
    });

    it('updates, disables, rotates and deletes, each in the audit log', async () => {
      const { tenantId, caller } = await tenantAdmin();
      const { endpoint } = await create(caller);

      const updated = dataOf(
        await graphql<{ updateWebhookEndpoint: EndpointView }>(app, caller, WebhookOps.updateWebhookEndpoint, {
          id: endpoint.id,
          input: { enabled: false, eventTypes: ['SEAT_LIMIT_REACHED'] },
        }),
      ).updateWebhookEndpoint;
      expect(updated).toMatchObject({ enabled: false, eventTypes: ['SEAT_LIMIT_REACHED'], url: receiver.url });
      // The same values again change and record nothing.
      await graphql(app, caller, WebhookOps.updateWebhookEndpoint, { id: endpoint.id, input: { enabled: false } });

      const rotated = dataOf(
        await graphql<{ rotateWebhookSecret: { secret: string; endpoint: EndpointView } }>(
          app,
          caller,
          WebhookOps.rotateWebhookSecret,
          { id: endpoint.id },
        ),
      ).rotateWebhookSecret;
      expect(rotated.endpoint.secretHint).toBe(rotated.secret.slice(-4));
      expect(rotated.endpoint.previousSecretExpiresAt).not.toBeNull();

      dataOf(await graphql(app, caller, WebhookOps.deleteWebhookEndpoint, { id: endpoint.id }));
      expect(await ownerClient().webhookEndpoint.count({ where: { tenantId } })).toBe(0);
      expect((await auditOf(tenantId)).map((event) => event.action)).toEqual([
        'webhook_endpoint.created',
        'webhook_endpoint.updated',
        'webhook_endpoint.secret_rotated',
        'webhook_endpoint.deleted',
      ]);
    });

    it.each([
      ['a URL that is not one', { url: 'not a url' }, 'BAD_USER_INPUT:WEBHOOK_URL_INVALID'],
      ['a URL with credentials', { url: 'https://user:pw@example.com/hook' }, 'BAD_USER_INPUT:WEBHOOK_URL_INVALID'],
      ['an ftp URL', { url: 'ftp://example.com/hook' }, 'BAD_USER_INPUT:WEBHOOK_URL_INVALID'],
      ['no event type', { eventTypes: [] }, 'BAD_USER_INPUT:VALIDATION_FAILED'],
      ['a repeated event type', { eventTypes: ['INVOICE_PAID', 'INVOICE_PAID'] }, 'BAD_USER_INPUT:VALIDATION_FAILED'],
      ['an unknown event type', { eventTypes: ['invoice.finalized'] }, 'BAD_USER_INPUT'],
      ['a long description', { description: 'x'.repeat(201) }, 'BAD_USER_INPUT:VALIDATION_FAILED'],
      ['a long URL', { url: `https://example.com/${'x'.repeat(2048)}` }, 'BAD_USER_INPUT:VALIDATION_FAILED'],
    ])('refuses %s', async (_case, input, expected) => {
      const { tenantId, caller } = await tenantAdmin();
      const answer = await graphql(app, caller, WebhookOps.createWebhookEndpoint, {
        input: { url: receiver.url, eventTypes: ['INVOICE_PAID'], ...input },
      });
      expect(outcome(answer)).toBe(expected);
      expect(await ownerClient().webhookEndpoint.count({ where: { tenantId } })).toBe(0);
    });

    it(`refuses a ${MAX_WEBHOOK_ENDPOINTS + 1}th endpoint`, async () => {
      const { caller } = await tenantAdmin();
      for (let n = 0; n < MAX_WEBHOOK_ENDPOINTS; n += 1) await create(caller);
      expect(
        outcome(
          await graphql(app, caller, WebhookOps.createWebhookEndpoint, {
            input: { url: receiver.url, eventTypes: ['INVOICE_PAID'] },
          }),
        ),
      ).toBe('CONFLICT:WEBHOOK_ENDPOINT_LIMIT');
    });
  });

  describe('in production mode, registration', () => {
    it.each([
      ['loopback', 'https://127.0.0.1/hook'],
      ['a name resolving to loopback', 'https://localhost/hook'],
      ['IPv6 loopback', 'https://[::1]/hook'],
      ['IPv4-mapped loopback', 'https://[::ffff:127.0.0.1]/hook'],
      ['the cloud metadata service', 'https://169.254.169.254/latest/meta-data'],
      ['a private network', 'https://10.0.0.7/hook'],
      ['a private network', 'https://192.168.1.20:8443/hook'],
      ['unspecified', 'https://0.0.0.0/hook'],
      ['multicast', 'https://[ff02::1]/hook'],
    ])('refuses %s (%s)', async (_case, url) => {
      const { tenantId, caller } = await tenantAdmin();
      const answer = await graphql(production, caller, WebhookOps.createWebhookEndpoint, {
        input: { url, eventTypes: ['INVOICE_PAID'] },
      });
      expect(outcome(answer)).toBe('BAD_USER_INPUT:WEBHOOK_URL_NOT_PUBLIC');
      expect(await ownerClient().webhookEndpoint.count({ where: { tenantId } })).toBe(0);
    });

    it('refuses plain http and a host that does not resolve', async () => {
      const { caller } = await tenantAdmin();
      const attempt = (url: string) =>
        graphql(production, caller, WebhookOps.createWebhookEndpoint, { input: { url, eventTypes: ['INVOICE_PAID'] } });
      expect(outcome(await attempt('http://93.184.216.34/hook'))).toBe('BAD_USER_INPUT:WEBHOOK_URL_INVALID');
      expect(outcome(await attempt('https://no-such-host.invalid/hook'))).toBe(
        'BAD_USER_INPUT:WEBHOOK_URL_UNRESOLVABLE',
      );
    });

    it('accepts a public address, and refuses changing it to a private one', async () => {
      const { caller } = await tenantAdmin();
      const { endpoint } = await create(caller, { url: 'https://93.184.216.34/hook' }, production);
      const answer = await graphql(production, caller, WebhookOps.updateWebhookEndpoint, {
        id: endpoint.id,
        input: { url: 'https://127.0.0.1/hook' },
      });
      expect(outcome(answer)).toBe('BAD_USER_INPUT:WEBHOOK_URL_NOT_PUBLIC');
    });
  });

  describe('deliveries', () => {
    it('sends a test event, lists it with its attempt, and redelivers it', async () => {
      const { tenantId, caller } = await tenantAdmin();
      const { endpoint } = await create(caller);
      receiver.received.length = 0;

      const queued = dataOf(
        await graphql<{ sendTestWebhook: DeliveryView }>(app, caller, WebhookOps.sendTestWebhook, { id: endpoint.id }),
      ).sendTestWebhook;
      expect(queued).toMatchObject({ endpointId: endpoint.id, status: 'PENDING', attempts: 0, attemptLog: [] });
      expect(queued.event).toMatchObject({ type: 'webhook.test', data: { endpoint_id: endpoint.id } });

      await app.app.get(WebhookDispatcher).deliverDue(new Date(), tenantId);
      const page = dataOf(
        await graphql<{ webhookDeliveries: { edges: { node: DeliveryView }[] } }>(
          app,
          caller,
          WebhookOps.webhookDeliveries,
          { endpointId: endpoint.id },
        ),
      ).webhookDeliveries;
      expect(page.edges.map((edge) => edge.node)).toEqual([
        expect.objectContaining({
          id: queued.id,
          status: 'SUCCEEDED',
          attempts: 1,
          lastStatusCode: 200,
          nextAttemptAt: null,
          attemptLog: [expect.objectContaining({ number: 1, succeeded: true, statusCode: 200, responseSnippet: 'ok' })],
        }),
      ]);

      const again = dataOf(
        await graphql<{ redeliverWebhook: DeliveryView }>(app, caller, WebhookOps.redeliverWebhook, { id: queued.id }),
      ).redeliverWebhook;
      expect(again).toMatchObject({ status: 'PENDING', deliveredAt: null });
      await app.app.get(WebhookDispatcher).deliverDue(new Date(), tenantId);
      const redelivered = dataOf(
        await graphql<{ webhookDelivery: DeliveryView }>(app, caller, WebhookOps.webhookDelivery, { id: queued.id }),
      ).webhookDelivery;
      expect(redelivered.attemptLog.map((attempt) => attempt.number)).toEqual([1, 2]);
      expect(receiver.received.map((request) => request.headers['warbler-event-id'])).toEqual([
        queued.event.id,
        queued.event.id,
      ]);
      expect((await auditOf(tenantId)).map((event) => event.action)).toEqual([
        'webhook_endpoint.created',
        'webhook_endpoint.test_sent',
        'webhook_delivery.redelivered',
      ]);
    });

    it('refuses a test event for a disabled endpoint and a redelivery while an attempt is under way', async () => {
      const { tenantId, caller } = await tenantAdmin();
      const { endpoint } = await create(caller);
      const queued = dataOf(
        await graphql<{ sendTestWebhook: DeliveryView }>(app, caller, WebhookOps.sendTestWebhook, { id: endpoint.id }),
      ).sendTestWebhook;
      await ownerClient().webhookDelivery.update({
        where: { tenantId_id: { tenantId, id: queued.id } },
        data: { lockedUntil: new Date(Date.now() + 60_000), attempts: 1 },
      });
      expect(outcome(await graphql(app, caller, WebhookOps.redeliverWebhook, { id: queued.id }))).toBe(
        'CONFLICT:WEBHOOK_ATTEMPT_UNDER_WAY',
      );

      await graphql(app, caller, WebhookOps.updateWebhookEndpoint, { id: endpoint.id, input: { enabled: false } });
      expect(outcome(await graphql(app, caller, WebhookOps.sendTestWebhook, { id: endpoint.id }))).toBe(
        'CONFLICT:WEBHOOK_ENDPOINT_DISABLED',
      );
    });

    it('pages newest first with cursors, and filters by status', async () => {
      const { caller } = await tenantAdmin();
      const { endpoint } = await create(caller);
      const sent: string[] = [];
      for (let n = 0; n < 5; n += 1) {
        const answer = await graphql<{ sendTestWebhook: DeliveryView }>(app, caller, WebhookOps.sendTestWebhook, {
          id: endpoint.id,
        });
        sent.push(dataOf(answer).sendTestWebhook.id);
      }
      type Page = {
        webhookDeliveries: {
          edges: { cursor: string; node: DeliveryView }[];
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
        };
      };
      const first = dataOf(
        await graphql<Page>(app, caller, WebhookOps.webhookDeliveries, { first: 2 }),
      ).webhookDeliveries;
      expect(first.edges.map((edge) => edge.node.id)).toEqual([sent[4], sent[3]]);
      expect(first.pageInfo.hasNextPage).toBe(true);
      const rest = dataOf(
        await graphql<Page>(app, caller, WebhookOps.webhookDeliveries, { first: 10, after: first.pageInfo.endCursor }),
      ).webhookDeliveries;
      expect(rest.edges.map((edge) => edge.node.id)).toEqual([sent[2], sent[1], sent[0]]);
      expect(rest.pageInfo).toEqual({ hasNextPage: false, endCursor: rest.edges[2].cursor });

      const failed = dataOf(await graphql<Page>(app, caller, WebhookOps.webhookDeliveries, { status: 'FAILED' }));
      expect(failed.webhookDeliveries.edges).toEqual([]);
      expect(outcome(await graphql(app, caller, WebhookOps.webhookDeliveries, { after: 'garbage' }))).toBe(
        'BAD_USER_INPUT:INVALID_CURSOR',
      );
      expect(outcome(await graphql(app, caller, WebhookOps.webhookDeliveries, { first: 101 }))).toBe(
        'BAD_USER_INPUT:VALIDATION_FAILED',
      );
    });
  });

  describe('isolation: tenant A can neither see nor change B’s webhooks', () => {
    let a: Awaited<ReturnType<typeof tenantAdmin>>;
    let b: Awaited<ReturnType<typeof tenantAdmin>>;
    let bEndpoint: EndpointView;
    let bDelivery: DeliveryView;
    const bState = async () => ({
      endpoints: await ownerClient().webhookEndpoint.findMany({ where: { tenantId: b.tenantId } }),
      deliveries: await ownerClient().webhookDelivery.findMany({ where: { tenantId: b.tenantId } }),
      audit: await ownerClient().auditEvent.count({ where: { tenantId: b.tenantId } }),
    });
    let before: Awaited<ReturnType<typeof bState>>;

    beforeAll(async () => {
      a = await tenantAdmin();
      b = await tenantAdmin();
      await create(a.caller);
      bEndpoint = (await create(b.caller)).endpoint;
      bDelivery = dataOf(
        await graphql<{ sendTestWebhook: DeliveryView }>(app, b.caller, WebhookOps.sendTestWebhook, {
          id: bEndpoint.id,
        }),
      ).sendTestWebhook;
      before = await bState();
    });

    it('lists A’s endpoints and deliveries only', async () => {
      const endpoints = dataOf(
        await graphql<{ webhookEndpoints: EndpointView[] }>(app, a.caller, WebhookOps.webhookEndpoints),
      );
      expect(endpoints.webhookEndpoints.map((endpoint) => endpoint.id)).not.toContain(bEndpoint.id);
      expect(endpoints.webhookEndpoints).toHaveLength(1);
      const deliveries = dataOf(
        await graphql<{ webhookDeliveries: { edges: unknown[] } }>(app, a.caller, WebhookOps.webhookDeliveries),
      );
      expect(deliveries.webhookDeliveries.edges).toEqual([]);
    });

    it.each([
      [
        'updateWebhookEndpoint',
        WebhookOps.updateWebhookEndpoint,
        () => ({ id: bEndpoint.id, input: { url: 'https://example.com/x' } }),
      ],
      ['deleteWebhookEndpoint', WebhookOps.deleteWebhookEndpoint, () => ({ id: bEndpoint.id })],
      ['rotateWebhookSecret', WebhookOps.rotateWebhookSecret, () => ({ id: bEndpoint.id })],
      ['sendTestWebhook', WebhookOps.sendTestWebhook, () => ({ id: bEndpoint.id })],
      ['webhookDelivery', WebhookOps.webhookDelivery, () => ({ id: bDelivery.id })],
      ['redeliverWebhook', WebhookOps.redeliverWebhook, () => ({ id: bDelivery.id })],
    ])('%s of B’s from A answers NOT_FOUND', async (_operation, query, variables) => {
      expect(outcome(await graphql(app, a.caller, query, variables()))).toBe('NOT_FOUND');
    });

    it('A’s filter by B’s endpoint finds nothing', async () => {
      const answer = await graphql<{ webhookDeliveries: { edges: unknown[] } }>(
        app,
        a.caller,
        WebhookOps.webhookDeliveries,
        {
          endpointId: bEndpoint.id,
        },
      );
      expect(dataOf(answer).webhookDeliveries.edges).toEqual([]);
    });

    it('with X-Tenant-Id of B, A’s admin is refused before anything runs', async () => {
      const answer = await graphql(app, { ...a.caller, tenantId: b.tenantId }, WebhookOps.deleteWebhookEndpoint, {
        id: bEndpoint.id,
      });
      expect(outcome(answer)).toBe('FORBIDDEN:NOT_A_MEMBER');
    });

    it('leaves B’s endpoints, deliveries and audit log as they were', async () => {
      expect(await bState()).toEqual(before);
    });
  });

  describe('who may manage webhooks', () => {
    type Who =
      | 'OWNER'
      | 'ADMIN'
      | 'BILLING_ADMIN'
      | 'MEMBER'
      | 'PLATFORM_ADMIN'
      | 'SUPPORT'
      | 'FINANCE'
      | 'NO_TENANT'
      | 'ANONYMOUS';
    /** Tenant owners and admins only; staff (signed in to no tenant) and everyone else are refused. */
    const EXPECTED: [Who, string][] = [
      ['OWNER', 'OK'],
      ['ADMIN', 'OK'],
      ['BILLING_ADMIN', 'FORBIDDEN'],
      ['MEMBER', 'FORBIDDEN'],
      ['PLATFORM_ADMIN', 'FORBIDDEN'],
      ['SUPPORT', 'FORBIDDEN'],
      ['FINANCE', 'FORBIDDEN'],
      ['NO_TENANT', 'FORBIDDEN'],
      ['ANONYMOUS', 'UNAUTHENTICATED'],
    ];
    const ROWS: [string, string, (ids: { endpointId: string; deliveryId: string }) => Record<string, unknown>][] = [
      ['webhookEndpoints', WebhookOps.webhookEndpoints, () => ({})],
      [
        'createWebhookEndpoint',
        WebhookOps.createWebhookEndpoint,
        () => ({ input: { url: 'http://127.0.0.1:9/hook', eventTypes: ['INVOICE_PAID'] } }),
      ],
      [
        'updateWebhookEndpoint',
        WebhookOps.updateWebhookEndpoint,
        ({ endpointId }) => ({ id: endpointId, input: { description: 'changed' } }),
      ],
      ['deleteWebhookEndpoint', WebhookOps.deleteWebhookEndpoint, ({ endpointId }) => ({ id: endpointId })],
      ['rotateWebhookSecret', WebhookOps.rotateWebhookSecret, ({ endpointId }) => ({ id: endpointId })],
      ['sendTestWebhook', WebhookOps.sendTestWebhook, ({ endpointId }) => ({ id: endpointId })],
      ['webhookDeliveries', WebhookOps.webhookDeliveries, () => ({})],
      ['webhookDelivery', WebhookOps.webhookDelivery, ({ deliveryId }) => ({ id: deliveryId })],
      ['redeliverWebhook', WebhookOps.redeliverWebhook, ({ deliveryId }) => ({ id: deliveryId })],
    ];
    const cells = ROWS.flatMap(([operation, query, variables]) =>
      EXPECTED.map(([who, expected]) => [operation, who, expected, query, variables] as const),
    );

    it.each(cells)('%s by %s: %s', async (_operation, who, expected, query, variables) => {
      const tenant = await newTenant();
      const owner = await newMember(tenant.id, 'OWNER');
      const ownerCaller = { token: await bearerFor(owner.user), tenantId: tenant.id };
      const { endpoint } = await create(ownerCaller, { url: 'http://127.0.0.1:9/hook' });
      const delivery = dataOf(
        await graphql<{ sendTestWebhook: DeliveryView }>(app, ownerCaller, WebhookOps.sendTestWebhook, {
          id: endpoint.id,
        }),
      ).sendTestWebhook;
      const state = async () => ({
        endpoints: await ownerClient().webhookEndpoint.findMany({ where: { tenantId: tenant.id } }),
        deliveries: await ownerClient().webhookDelivery.findMany({ where: { tenantId: tenant.id } }),
        audit: await ownerClient().auditEvent.count({ where: { tenantId: tenant.id } }),
      });
      const before = await state();

      let caller: Caller | null = null;
      if (who === 'OWNER') caller = ownerCaller;
      else if (who === 'ADMIN' || who === 'BILLING_ADMIN' || who === 'MEMBER') {
        caller = { token: await bearerFor((await newMember(tenant.id, who)).user), tenantId: tenant.id };
      } else if (who === 'NO_TENANT') caller = { token: ownerCaller.token };
      else if (who !== 'ANONYMOUS') {
        caller = (await signedInStaffAs(who)).caller;
      }

      const answer = await graphql(app, caller, query, variables({ endpointId: endpoint.id, deliveryId: delivery.id }));

      expect(outcome(answer)).toBe(expected);
      if (expected !== 'OK') {
        expect(answer.data ?? null).toBeNull();
        expect(await state()).toEqual(before);
      }
    });
  });
});
