import { randomUUID } from 'node:crypto';
import type { MetricAggregation } from '@warbler/api/core';
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
import { Decimal } from '../shared/decimals';

const AGGREGATIONS: MetricAggregation[] = ['COUNT', 'SUM', 'MAX', 'UNIQUE_COUNT', 'LATEST'];

/** A small deterministic generator, so a failing run can be replayed from its seed. */
function generator(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

interface Figure {
  metric_id: string;
  hour: Date | null;
  value: string;
  event_count: bigint;
}

const normalized = (rows: Figure[]) =>
  rows
    .map((row) => ({
      metric: row.metric_id,
      hour: row.hour?.toISOString() ?? null,
      value: new Decimal(row.value).toFixed(),
      events: Number(row.event_count),
    }))
    .sort((a, b) => `${a.metric}${a.hour}`.localeCompare(`${b.metric}${b.hour}`));

describe('hourly rollups and period totals equal a recount of the raw events', () => {
  let app: TestApp;
  let world: MeteringTenant;
  const metrics = new Map<MetricAggregation, { id: string; code: string }>();

  beforeAll(async () => {
    app = await startTestApp([MeteringModule]);
    world = await meteringTenant();
    for (const aggregation of AGGREGATIONS) metrics.set(aggregation, await newMetric(aggregation, 'visitor'));
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
  });

  it('after randomized batches with retries, duplicates and out-of-order timestamps', async () => {
    const seed = Date.now() % 1_000_000;
    const random = generator(seed);
    const subscription = await ownerClient().subscription.findFirstOrThrow({ where: { tenantId: world.tenant.id } });
    const from = subscription.currentPeriodStart.getTime() + 1000;
    const span = Date.now() - from;
    const usedInstants = new Set<number>();
    const instant = () => {
      // Distinct instants: LATEST ties inside one batch resolve by position, which a recount cannot see.
      let at = from + Math.floor(random() * span);
      while (usedInstants.has(at)) at += 1;
      usedInstants.add(at);
      return new Date(at).toISOString();
    };
    const sent: Record<string, unknown>[] = [];
    for (let batch = 0; batch < 12; batch++) {
      const events = Array.from({ length: 20 + Math.floor(random() * 60) }, () => {
        if (sent.length > 0 && random() < 0.1) return sent[Math.floor(random() * sent.length)];
        const aggregation = AGGREGATIONS[Math.floor(random() * AGGREGATIONS.length)];
        const signed = aggregation === 'MAX' || aggregation === 'LATEST' ? random() - 0.3 : random();
        const event = {
          metric: metrics.get(aggregation)?.code,
          quantity: (signed * 1000).toFixed(Math.floor(random() * 13)),
          timestamp: instant(),
          idempotency_key: randomUUID(),
          properties: { visitor: `v${Math.floor(random() * 25)}` },
        };
        sent.push(event);
        return event;
      });
      const response = await postUsage(app, world.key, { events });
      expect({ seed, status: response.status, rejected: response.body.rejected }).toEqual({
        seed,
        status: 200,
        rejected: 0,
      });
    }

    const db = ownerClient();
    const tenant = world.tenant.id;
    const recountedHours = await db.$queryRaw<Figure[]>`
      WITH e AS (
        SELECT e.*, m.aggregation, e.properties ->> m.property AS unique_value,
               date_trunc('hour', e.occurred_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS hour
        FROM usage_events e JOIN billable_metrics m ON m.id = e.metric_id
        WHERE e.tenant_id = ${tenant}::uuid
      ), first_seen AS (
        SELECT DISTINCT ON (metric_id, unique_value) metric_id, hour FROM e
        WHERE aggregation = 'UNIQUE_COUNT' ORDER BY metric_id, unique_value, received_at, occurred_at
      )
      SELECT e.metric_id, e.hour, count(*) AS event_count,
             (CASE e.aggregation
               WHEN 'COUNT' THEN count(*)::numeric
               WHEN 'SUM' THEN sum(e.quantity)
               WHEN 'MAX' THEN max(e.quantity)
               WHEN 'LATEST' THEN (array_agg(e.quantity ORDER BY e.occurred_at DESC, e.received_at DESC))[1]
               ELSE (SELECT count(*) FROM first_seen f WHERE f.metric_id = e.metric_id AND f.hour = e.hour)::numeric
             END)::text AS value
      FROM e GROUP BY e.metric_id, e.aggregation, e.hour`;
    const hourly = await db.$queryRaw<Figure[]>`
      SELECT metric_id, hour, value::text AS value, event_count FROM usage_hourly_rollups WHERE tenant_id = ${tenant}::uuid`;
    expect({ seed, hourly: normalized(hourly) }).toEqual({ seed, hourly: normalized(recountedHours) });

    const recountedPeriod = await db.$queryRaw<Figure[]>`
      SELECT e.metric_id, NULL::timestamptz AS hour, count(*) AS event_count,
             (CASE m.aggregation
               WHEN 'COUNT' THEN count(*)::numeric
               WHEN 'SUM' THEN sum(e.quantity)
               WHEN 'MAX' THEN max(e.quantity)
               WHEN 'LATEST' THEN (array_agg(e.quantity ORDER BY e.occurred_at DESC, e.received_at DESC))[1]
               ELSE count(DISTINCT e.properties ->> m.property)::numeric
             END)::text AS value
      FROM usage_events e JOIN billable_metrics m ON m.id = e.metric_id
      WHERE e.tenant_id = ${tenant}::uuid
      GROUP BY e.metric_id, m.aggregation`;
    const period = await db.$queryRaw<Figure[]>`
      SELECT metric_id, NULL::timestamptz AS hour, value::text AS value, event_count
      FROM usage_period_totals WHERE tenant_id = ${tenant}::uuid AND period_start = ${subscription.currentPeriodStart}`;
    expect({ seed, period: normalized(period) }).toEqual({ seed, period: normalized(recountedPeriod) });
    expect(recountedPeriod).toHaveLength(AGGREGATIONS.length);

    const distinct = new Set(
      sent
        .filter((e) => e.metric === metrics.get('UNIQUE_COUNT')?.code)
        .map((e) => (e.properties as { visitor: string }).visitor),
    );
    const uniqueTotal = period.find((row) => row.metric_id === metrics.get('UNIQUE_COUNT')?.id);
    expect(Number(uniqueTotal?.value)).toBe(distinct.size);
  });
});
