import { randomUUID } from 'node:crypto';
import {
  closeOwnerClient,
  meteringTenant,
  newApiKey,
  newMetric,
  ownerClient,
  postUsage,
  startTestApp,
  usageEvent,
  type MeteringTenant,
  type TestApp,
} from '../../testing';
import { MeteringModule } from '../metering.module';

describe('POST /v1/usage/events', () => {
  let app: TestApp;
  let world: MeteringTenant;
  let count: { code: string; id: string };
  let sum: { code: string; id: string };
  let visitors: { code: string; id: string };

  beforeAll(async () => {
    app = await startTestApp([MeteringModule]);
    world = await meteringTenant();
    count = await newMetric('COUNT');
    sum = await newMetric('SUM');
    visitors = await newMetric('UNIQUE_COUNT', 'visitor');
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
  });

  const storedEvents = (keys: string[]) =>
    ownerClient().usageEvent.findMany({ where: { tenantId: world.tenant.id, idempotencyKey: { in: keys } } });

  it('records each event once, answers per event in input order, and names the key that sent it', async () => {
    const keys = [randomUUID(), randomUUID(), randomUUID()];
    const body = {
      events: [
        usageEvent({ metric: count.code, quantity: '7', idempotency_key: keys[0] }),
        usageEvent({ metric: sum.code, quantity: '2.5', idempotency_key: keys[1], properties: { region: 'eu' } }),
        usageEvent({ metric: sum.code, quantity: 0.000000000001, idempotency_key: keys[2] }),
      ],
    };
    const first = await postUsage(app, world.key, body);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      accepted: 3,
      duplicates: 0,
      rejected: 0,
      results: keys.map((key) => ({ idempotency_key: key, status: 'accepted', message: expect.any(String) })),
    });
    const stored = await storedEvents(keys);
    expect(stored).toHaveLength(3);
    expect(stored.every((event) => event.apiKeyId === world.apiKeyId)).toBe(true);
    const byKey = new Map(stored.map((event) => [event.idempotencyKey, event]));
    expect(byKey.get(keys[0])?.quantity.toString()).toBe('1');
    expect(byKey.get(keys[1])?.properties).toEqual({ region: 'eu' });
    expect(byKey.get(keys[2])?.quantity.toFixed()).toBe('0.000000000001');

    const retried = await postUsage(app, world.key, body);
    expect(retried.body).toMatchObject({ accepted: 0, duplicates: 3, rejected: 0 });
    expect(retried.body.results.map((r: { status: string }) => r.status)).toEqual([
      'duplicate',
      'duplicate',
      'duplicate',
    ]);
    expect(await storedEvents(keys)).toHaveLength(3);
  });

  it('counts the first of repeated keys in one batch and calls the rest duplicates', async () => {
    const key = randomUUID();
    const response = await postUsage(app, world.key, {
      events: [
        usageEvent({ metric: sum.code, quantity: 3, idempotency_key: key }),
        usageEvent({ metric: sum.code, quantity: 5, idempotency_key: key }),
      ],
    });
    expect(response.body).toMatchObject({ accepted: 1, duplicates: 1 });
    const [event] = await storedEvents([key]);
    expect(event.quantity.toString()).toBe('3');
  });

  it('rejects single events for reasons tied to the catalog, the clock and the period, and keeps no key for them', async () => {
    const subscription = await ownerClient().subscription.findFirstOrThrow({ where: { tenantId: world.tenant.id } });
    const cases: [Record<string, unknown>, string][] = [
      [{ metric: 'no_such_metric' }, 'UNKNOWN_METRIC'],
      [{ metric: sum.code, quantity: 'NaN' }, 'BAD_QUANTITY'],
      [{ metric: sum.code, quantity: '0x10' }, 'BAD_QUANTITY'],
      [{ metric: sum.code, quantity: '-1' }, 'BAD_QUANTITY'],
      [{ metric: count.code, quantity: -1 }, 'BAD_QUANTITY'],
      [{ metric: sum.code, quantity: '1.0000000000001' }, 'BAD_QUANTITY'],
      [{ metric: sum.code, quantity: '1e18' }, 'BAD_QUANTITY'],
      [{ metric: sum.code, timestamp: new Date(Date.now() + 6 * 60_000).toISOString() }, 'TIMESTAMP_IN_FUTURE'],
      [
        { metric: sum.code, timestamp: new Date(subscription.currentPeriodStart.getTime() - 1).toISOString() },
        'TIMESTAMP_IN_CLOSED_PERIOD',
      ],
      [{ metric: sum.code, properties: { blob: 'x'.repeat(4090) } }, 'PROPERTIES_TOO_LARGE'],
      [{ metric: visitors.code, properties: { other: 'v' } }, 'MISSING_PROPERTY'],
    ];
    const events = cases.map(([input]) => usageEvent(input as never));
    const response = await postUsage(app, world.key, { events });
    expect(response.status).toBe(200);
    expect(response.body.rejected).toBe(cases.length);
    expect(response.body.results.map((r: { reason: string }) => r.reason)).toEqual(cases.map(([, reason]) => reason));
    const keys = events.map((event) => event.idempotency_key);
    expect(await ownerClient().usageIdempotencyKey.count({ where: { idempotencyKey: { in: keys } } })).toBe(0);

    // Judged again on retry: a fixed event with the key of a rejected one counts.
    const fixed = await postUsage(app, world.key, {
      events: [usageEvent({ metric: sum.code, quantity: 1, idempotency_key: keys[1] })],
    });
    expect(fixed.body).toMatchObject({ accepted: 1 });
  });

  it('accepts events slightly ahead of the server clock and properties right at 4 KB', async () => {
    const blob = 'x'.repeat(4096 - JSON.stringify({ blob: '' }).length);
    const response = await postUsage(app, world.key, {
      events: [
        usageEvent({ metric: sum.code, timestamp: new Date(Date.now() + 4 * 60_000).toISOString() }),
        usageEvent({ metric: sum.code, properties: { blob } }),
      ],
    });
    expect(response.body).toMatchObject({ accepted: 2, rejected: 0 });
  });

  it.each([
    [{}, 'events: must be an array'],
    [{ events: [] }, 'events: must hold 1 to 1000 events'],
    [{ events: 'x' }, 'events: must be an array'],
    [{ events: [1] }, 'events[0]: must be an object'],
    [{ events: [{ metric: 'a', quantity: true, timestamp: 'x', idempotency_key: 'k' }] }, 'events[0].quantity'],
    [{ events: [{ metric: 1, quantity: 1, timestamp: 'x', idempotency_key: 'k' }] }, 'events[0].metric'],
    [{ events: [{ metric: 'a', quantity: 1, timestamp: '2026-01-01', idempotency_key: 'k' }] }, 'events[0].timestamp'],
    [
      { events: [{ metric: 'a', quantity: 1, timestamp: new Date().toISOString(), idempotency_key: '' }] },
      'events[0].idempotency_key',
    ],
    [
      { events: [{ metric: 'a', quantity: 1, timestamp: new Date().toISOString(), idempotency_key: 'k'.repeat(256) }] },
      'events[0].idempotency_key',
    ],
    [
      {
        events: [
          { metric: 'a', quantity: 1, timestamp: new Date().toISOString(), idempotency_key: 'k', properties: [] },
        ],
      },
      'events[0].properties',
    ],
  ])('refuses the malformed body %j with the path of the problem', async (body, message) => {
    const response = await postUsage(app, world.key, body);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining(message) });
  });

  it('stores nothing from a batch with one malformed event, and names its position', async () => {
    const good = usageEvent({ metric: sum.code });
    const events = [good, good, good, { ...usageEvent({ metric: sum.code }), timestamp: 'yesterday' }].map((e, i) => ({
      ...e,
      idempotency_key: `${e.idempotency_key}-${i}`,
    }));
    const response = await postUsage(app, world.key, { events });
    expect(response.status).toBe(400);
    expect(response.body.message).toBe('events[3].timestamp: must be an ISO-8601 date-time with a time zone');
    expect(await storedEvents(events.map((e) => e.idempotency_key))).toHaveLength(0);
  });

  it('takes a full batch at the property limit, refuses more than 1,000 events, and a body past 5 MB with 413', async () => {
    const largest = Array.from({ length: 1000 }, () =>
      usageEvent({ metric: sum.code, properties: { b: 'x'.repeat(4000) } }),
    );
    const full = await postUsage(app, world.key, { events: largest });
    expect(full.status).toBe(200);
    expect(full.body).toMatchObject({ accepted: 1000 });
    const tooMany = Array.from({ length: 1001 }, () => usageEvent({ metric: sum.code }));
    expect((await postUsage(app, world.key, { events: tooMany })).status).toBe(400);
    const huge = Array.from({ length: 1000 }, () =>
      usageEvent({ metric: sum.code, properties: { b: 'x'.repeat(6000) } }),
    );
    const response = await postUsage(app, world.key, { events: huge });
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });

  it('refuses revoked and expired keys with their reason, and a key without the scope', async () => {
    const batch = { events: [usageEvent({ metric: sum.code })] };
    const revoked = await newApiKey(world.tenant.id, world.owner.user.id, { revokedAt: new Date() });
    const expired = await newApiKey(world.tenant.id, world.owner.user.id, { expiresAt: new Date(Date.now() - 1000) });
    const readOnly = await newApiKey(world.tenant.id, world.owner.user.id, { scopes: ['quota:read'] });
    expect((await postUsage(app, revoked.key, batch)).body).toMatchObject({
      code: 'UNAUTHENTICATED',
      reason: 'API_KEY_REVOKED',
    });
    expect((await postUsage(app, expired.key, batch)).body).toMatchObject({
      code: 'UNAUTHENTICATED',
      reason: 'API_KEY_EXPIRED',
    });
    const forbidden = await postUsage(app, readOnly.key, batch);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body).toMatchObject({ code: 'FORBIDDEN', reason: 'API_KEY_SCOPE' });
    const anonymous = await postUsage(app, 'not-a-key', batch);
    expect(anonymous.status).toBe(401);
    expect(await storedEvents([batch.events[0].idempotency_key])).toHaveLength(0);
  });
});
