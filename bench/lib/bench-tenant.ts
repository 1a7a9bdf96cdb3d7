import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { generateApiKey } from '@warbler/api/access';

export interface BenchMetric {
  id: string;
  code: string;
  aggregation: 'COUNT' | 'SUM' | 'MAX' | 'UNIQUE_COUNT' | 'LATEST';
  property?: string;
}

/** The metrics of a chat/IM cloud that the benchmarks report, created once per database. */
export const BENCH_METRICS: Omit<BenchMetric, 'id'>[] = [
  { code: 'messages_sent', aggregation: 'COUNT' },
  { code: 'ai_tokens', aggregation: 'SUM' },
  { code: 'monthly_active_users', aggregation: 'UNIQUE_COUNT', property: 'user_id' },
  { code: 'peak_connections', aggregation: 'MAX' },
];

export interface BenchTenant {
  tenantId: string;
  apiKey: string;
  apiKeyId: string;
  metrics: BenchMetric[];
}

export async function ensureMetrics(owner: Pool): Promise<BenchMetric[]> {
  const metrics: BenchMetric[] = [];
  for (const metric of BENCH_METRICS) {
    const { rows } = await owner.query<{ id: string }>(
      `INSERT INTO billable_metrics (id, code, name, unit, aggregation, property)
       VALUES ($1, $2, $2, 'unit', $3, $4)
       ON CONFLICT (code) DO UPDATE SET code = EXCLUDED.code RETURNING id`,
      [randomUUID(), metric.code, metric.aggregation, metric.property ?? null],
    );
    metrics.push({ ...metric, id: rows[0].id });
  }
  return metrics;
}

/**
 * A tenant on a plan version with the bench metrics charged per unit and, when asked,
 * quotas far above what a run sends (so every quota is checked and none rejects), and an
 * API key with both scopes.
 */
export async function newBenchTenant(owner: Pool, options: { quotas: boolean }): Promise<BenchTenant> {
  const metrics = await ensureMetrics(owner);
  const suffix = randomUUID().slice(0, 8);
  const planId = randomUUID();
  const versionId = randomUUID();
  const tenantId = randomUUID();
  await owner.query(`INSERT INTO plans (id, code, name) VALUES ($1, $2, $2)`, [planId, `bench-${suffix}`]);
  await owner.query(
    `INSERT INTO plan_versions (id, plan_id, version, status, currency, interval, max_seats, published_at)
     VALUES ($1, $2, 1, 'PUBLISHED', 'USD', 'MONTH', 10, now())`,
    [versionId, planId],
  );
  for (const metric of metrics) {
    await owner.query(
      `INSERT INTO plan_charges (id, plan_version_id, metric_id, model, unit_price) VALUES ($1, $2, $3, 'PER_UNIT', 0.0004)`,
      [randomUUID(), versionId, metric.id],
    );
    if (options.quotas) {
      await owner.query(
        `INSERT INTO plan_quotas (id, plan_version_id, metric_id, period_limit, enforcement) VALUES ($1, $2, $3, 1e15, 'HARD')`,
        [randomUUID(), versionId, metric.id],
      );
    }
  }
  await owner.query(`INSERT INTO tenants (id, slug, name) VALUES ($1, $2, $2)`, [tenantId, `bench-${suffix}`]);
  await owner.query(
    `INSERT INTO subscriptions (tenant_id, id, plan_version_id, current_period_start, current_period_end, billing_anchor_at, seat_quantity)
     VALUES ($1, $2, $3, date_trunc('day', now()) - interval '1 day', date_trunc('day', now()) + interval '29 days',
             date_trunc('day', now()) - interval '1 day', 0)`,
    [tenantId, randomUUID(), versionId],
  );
  const key = generateApiKey();
  const apiKeyId = randomUUID();
  await owner.query(
    `INSERT INTO api_keys (tenant_id, id, name, prefix, key_hash, scopes, created_by_user_id)
     VALUES ($1, $2, 'bench', $3, $4, ARRAY['usage:write', 'quota:read'], $5)`,
    [tenantId, apiKeyId, key.prefix, key.hash, randomUUID()],
  );
  return { tenantId, apiKey: key.key, apiKeyId, metrics };
}
