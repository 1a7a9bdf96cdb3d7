import { RETRY_WINDOW_MS } from '../delivery/retry-schedule';

/**
 * Writes an event and one delivery per enabled endpoint of the tenant subscribed to its type, in one
 * statement of inserts: nothing at all when no endpoint subscribes, and nothing when an event with the
 * same dedupe key exists (a null key never conflicts). The tenant is named explicitly, so the
 * statement is right both in a tenant transaction (row-level security agrees) and in a platform one.
 * $1 tenant, $2 type, $3 event id, $4 data (JSON text), $5 dedupe key, $6 retry window in seconds,
 * $7 the one endpoint it is for (null: every subscribed endpoint, test events: that endpoint only).
 */
export const PUBLISH_EVENT_SQL = `
  WITH endpoints AS (
    SELECT id FROM webhook_endpoints
    WHERE tenant_id = $1::uuid AND enabled
      AND (CASE WHEN $7::uuid IS NULL THEN $2::text = ANY (event_types) ELSE id = $7::uuid END)
  ), event AS (
    INSERT INTO webhook_events (tenant_id, id, type, data, dedupe_key)
    SELECT $1::uuid, $3::uuid, $2::text, $4::jsonb, $5::text
    WHERE EXISTS (SELECT 1 FROM endpoints)
    ON CONFLICT (tenant_id, dedupe_key) DO NOTHING
    RETURNING tenant_id, id, created_at
  )
  INSERT INTO webhook_deliveries (tenant_id, id, event_id, endpoint_id, retry_until)
  SELECT event.tenant_id, gen_random_uuid(), event.id, endpoints.id, event.created_at + make_interval(secs => $6::float8)
  FROM event CROSS JOIN endpoints`;

export function publishParameters(
  tenantId: string,
  type: string,
  eventId: string,
  data: object,
  dedupeKey: string | null,
  endpointId: string | null,
): unknown[] {
  return [tenantId, type, eventId, JSON.stringify(data), dedupeKey, RETRY_WINDOW_MS / 1000, endpointId];
}
