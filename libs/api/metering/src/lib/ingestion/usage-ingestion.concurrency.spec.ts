import { randomUUID } from 'node:crypto';
import {
  closeOwnerClient,
  meteringTenant,
  newMetric,
  ownerClient,
  postUsage,
  startTestApp,
  type MeteringTenant,
  type TestApp,
} from '../../testing';
import { MeteringModule } from '../metering.module';

describe('exactly once under concurrent, overlapping retries', () => {
  let app: TestApp;
  let world: MeteringTenant;

  beforeAll(async () => {
    app = await startTestApp([MeteringModule]);
    world = await meteringTenant();
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
  });

  it('8 parallel clients sending batches that share keys store each key once and count it once', async () => {
    const messages = await newMetric('SUM');
    const logins = await newMetric('COUNT');
    const pool = Array.from({ length: 300 }, (_, i) => ({
      metric: i % 3 === 0 ? logins.code : messages.code,
      quantity: '1.5',
      timestamp: new Date().toISOString(),
      idempotency_key: `shared-${randomUUID()}`,
      properties: { n: i },
    }));
    const client = async (offset: number) => {
      const answers = [];
      for (let round = 0; round < 4; round++) {
        const start = (offset * 37 + round * 61) % pool.length;
        const batch = Array.from({ length: 120 }, (_, i) => pool[(start + i) % pool.length]);
        answers.push(await postUsage(app, world.key, { events: batch }));
      }
      return answers;
    };
    const answers = (await Promise.all(Array.from({ length: 8 }, (_, i) => client(i)))).flat();
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));

    const sentKeys = new Set(
      answers.flatMap((answer) => answer.body.results.map((r: { idempotency_key: string }) => r.idempotency_key)),
    );
    const acceptedTotal = answers.reduce((total, answer) => total + answer.body.accepted, 0);
    expect(acceptedTotal).toBe(sentKeys.size);
    expect(answers.reduce((total, answer) => total + answer.body.rejected, 0)).toBe(0);

    const db = ownerClient();
    const tenantId = world.tenant.id;
    expect(await db.usageEvent.count({ where: { tenantId } })).toBe(sentKeys.size);
    expect(await db.usageIdempotencyKey.count({ where: { tenantId } })).toBe(sentKeys.size);
    const sentPool = pool.filter((event) => sentKeys.has(event.idempotency_key));
    const totals = await db.usagePeriodTotal.findMany({ where: { tenantId } });
    const total = (metricId: string) => totals.find((row) => row.metricId === metricId);
    const loginCount = sentPool.filter((event) => event.metric === logins.code).length;
    expect(total(logins.id)?.value.toNumber()).toBe(loginCount);
    expect(total(messages.id)?.value.toNumber()).toBe((sentPool.length - loginCount) * 1.5);
    expect(Number(total(messages.id)?.eventCount)).toBe(sentPool.length - loginCount);
  });
});
