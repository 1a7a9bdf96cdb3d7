import type { TenantSql } from '@warbler/api/core';
import type { MeterableEvent } from './event-screening';

/** An admitted event with what its quota made of it. */
export interface AdmittedEvent {
  event: MeterableEvent;
  overQuota: boolean;
}

/**
 * Claims the batch's keys; answers those another batch had claimed first. The key table's
 * primary key is the arbiter: a concurrent batch holding one of these keys makes this one
 * wait for it, and a key it committed comes back here as claimed elsewhere. Keys are claimed
 * in bytewise order, so two batches never wait on each other in a cycle, and before any
 * period total is locked, so a batch holding totals never waits for a key.
 */
export async function claimKeys(sql: TenantSql, events: MeterableEvent[]): Promise<Set<string>> {
  const batch = JSON.stringify(
    events.map((e) => ({ k: e.submitted.idempotencyKey, t: e.submitted.occurredAt.toISOString() })),
  );
  const rows = await sql.query<{ idempotency_key: string }>(
    `WITH batch AS (
       SELECT * FROM json_to_recordset($2::json) AS b(k text, t timestamptz)
     ), claimed AS (
       INSERT INTO usage_idempotency_keys (tenant_id, idempotency_key, occurred_at)
       SELECT $1::uuid, k, t FROM batch ORDER BY k COLLATE "C"
       ON CONFLICT DO NOTHING
       RETURNING idempotency_key
     )
     SELECT k AS idempotency_key FROM batch WHERE k NOT IN (SELECT idempotency_key FROM claimed)`,
    [sql.tenantId, batch],
  );
  return new Set(rows.map((row) => row.idempotency_key));
}

/** Gives back the keys of refused events, so that a retry is judged again. */
export async function releaseKeys(sql: TenantSql, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  await sql.query(
    'DELETE FROM usage_idempotency_keys WHERE tenant_id = $1::uuid AND idempotency_key = ANY($2::text[])',
    [sql.tenantId, keys],
  );
}

/** One admitted event as a JSON record; the properties are already serialized JSON. */
function eventRecord({ event, overQuota }: AdmittedEvent): string {
  return (
    `{"k":${JSON.stringify(event.submitted.idempotencyKey)},"m":"${event.metric.id}","q":"${event.quantity.toFixed()}",` +
    `"t":"${event.submitted.occurredAt.toISOString()}","p":${event.submitted.propertiesJson},"o":${overQuota}}`
  );
}

/**
 * Stores the admitted events, whose keys this batch holds. The batch travels as one JSON
 * document: PostgreSQL parses it far faster than the driver encodes parallel arrays.
 */
export async function storeEvents(sql: TenantSql, apiKeyId: string, admitted: AdmittedEvent[]): Promise<void> {
  await sql.query(
    `INSERT INTO usage_events
       (tenant_id, occurred_at, idempotency_key, metric_id, quantity, properties, api_key_id, over_quota)
     SELECT $1::uuid, b.t, b.k, b.m, b.q, b.p, $2::uuid, b.o
     FROM json_to_recordset($3::json) AS b(k text, m uuid, q numeric, t timestamptz, p jsonb, o boolean)`,
    [sql.tenantId, apiKeyId, `[${admitted.map(eventRecord).join(',')}]`],
  );
}
