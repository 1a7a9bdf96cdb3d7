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

/** One admitted event as a JSON record; the properties are already serialized JSON. */
function eventRecord({ event, overQuota }: AdmittedEvent): string {
  return (
    `{"k":${JSON.stringify(event.submitted.idempotencyKey)},"m":"${event.metric.id}","q":"${event.quantity.toFixed()}",` +
    `"t":"${event.submitted.occurredAt.toISOString()}","p":${event.submitted.propertiesJson},"o":${overQuota}}`
  );
}

/**
 * Claims each admitted event's key and stores the events whose key was new, in one
 * statement, and answers the keys that another batch had claimed first. The key table's
 * primary key is the arbiter: a concurrent batch holding the same key makes this one wait
 * for it, and a key it committed comes back here as claimed elsewhere.
 * Keys are claimed in sorted order so that two batches never wait on each other in a cycle.
 * The batch travels as one JSON document, and only the keys that were not new come back
 * (usually none): the driver then has one string to send and nearly nothing to parse.
 */
export async function recordEvents(
  tx: TenantTx,
  tenantId: string,
  apiKeyId: string,
  admitted: AdmittedEvent[],
): Promise<Set<string>> {
  const batch = `[${admitted.map(eventRecord).join(',')}]`;
  const rows = await tx.$queryRaw<{ idempotency_key: string }[]>(Prisma.sql`
    WITH batch AS (
      SELECT * FROM json_to_recordset(${batch}::json)
        AS b(k text, m uuid, q numeric, t timestamptz, p jsonb, o boolean)
    ), claimed AS (
      INSERT INTO usage_idempotency_keys (tenant_id, idempotency_key, occurred_at)
      SELECT ${tenantId}::uuid, k, t FROM batch ORDER BY k COLLATE "C"
      ON CONFLICT DO NOTHING
      RETURNING idempotency_key
    ), stored AS (
      INSERT INTO usage_events
        (tenant_id, occurred_at, idempotency_key, metric_id, quantity, properties, api_key_id, over_quota)
      SELECT ${tenantId}::uuid, b.t, b.k, b.m, b.q, b.p, ${apiKeyId}::uuid, b.o
      FROM batch b JOIN claimed c ON c.idempotency_key = b.k
    )
    SELECT k AS idempotency_key FROM batch WHERE k NOT IN (SELECT idempotency_key FROM claimed)`);
  return new Set(rows.map((row) => row.idempotency_key));
}
