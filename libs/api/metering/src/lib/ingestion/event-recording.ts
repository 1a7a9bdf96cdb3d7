import { Prisma, type TenantTx } from '@warbler/api/core';
import type { MeterableEvent } from './event-screening';

/** An admitted event with what its quota made of it. */
export interface AdmittedEvent {
  event: MeterableEvent;
  overQuota: boolean;
}

/** The batch's keys that an earlier, committed batch already recorded. */
export async function recordedKeys(tx: TenantTx, tenantId: string, keys: string[]): Promise<Set<string>> {
  const rows = await tx.$queryRaw<{ idempotency_key: string }[]>`
    SELECT idempotency_key FROM usage_idempotency_keys
    WHERE tenant_id = ${tenantId}::uuid AND idempotency_key = ANY(${keys}::text[])`;
  return new Set(rows.map((row) => row.idempotency_key));
}

/**
 * Claims each admitted event's key and stores the events whose key was new, in one
 * statement. The key table's primary key is the arbiter: a concurrent batch holding the
 * same key makes this one wait for it, and whatever it committed is not returned here.
 * Keys are claimed in sorted order so that two batches never wait on each other in a cycle.
 */
export async function recordEvents(
  tx: TenantTx,
  tenantId: string,
  apiKeyId: string,
  admitted: AdmittedEvent[],
): Promise<Set<string>> {
  const column = <T>(pick: (entry: AdmittedEvent) => T) => admitted.map(pick);
  const rows = await tx.$queryRaw<{ idempotency_key: string }[]>(Prisma.sql`
    WITH batch AS (
      SELECT * FROM unnest(
        ${column((a) => a.event.submitted.idempotencyKey)}::text[],
        ${column((a) => a.event.metric.id)}::uuid[],
        ${column((a) => a.event.quantity.toFixed())}::numeric[],
        ${column((a) => a.event.submitted.occurredAt.toISOString())}::timestamptz[],
        ${column((a) => a.event.submitted.propertiesJson)}::jsonb[],
        ${column((a) => String(a.overQuota))}::boolean[]
      ) AS b(idempotency_key, metric_id, quantity, occurred_at, properties, over_quota)
    ), claimed AS (
      INSERT INTO usage_idempotency_keys (tenant_id, idempotency_key, occurred_at)
      SELECT ${tenantId}::uuid, idempotency_key, occurred_at FROM batch ORDER BY idempotency_key
      ON CONFLICT DO NOTHING
      RETURNING idempotency_key
    ), stored AS (
      INSERT INTO usage_events
        (tenant_id, id, metric_id, quantity, occurred_at, idempotency_key, properties, api_key_id, over_quota)
      SELECT ${tenantId}::uuid, gen_random_uuid(), b.metric_id, b.quantity, b.occurred_at, b.idempotency_key,
             b.properties, ${apiKeyId}::uuid, b.over_quota
      FROM batch b JOIN claimed c USING (idempotency_key)
    )
    SELECT idempotency_key FROM claimed`);
  return new Set(rows.map((row) => row.idempotency_key));
}
