import { badInput } from '@warbler/api/core';

export const MAX_EVENTS_PER_BATCH = 1000;
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

/** One event as the client sent it, shape-checked but not yet judged against the catalog. */
export interface SubmittedUsageEvent {
  /** Position in the request: results answer in this order. */
  index: number;
  metricCode: string;
  /** The quantity as sent, in decimal text; judged per metric later (BAD_QUANTITY). */
  quantity: string;
  occurredAt: Date;
  idempotencyKey: string;
  /** The properties serialized once, as they will be stored. */
  propertiesJson: string;
  properties: Record<string, unknown>;
}

// RFC 3339 date-time: a date, a time and an explicit offset, so no event is read in the server's zone.
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/i;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const invalid = (path: string, problem: string) => badInput(`${path}: ${problem}`, 'INVALID_USAGE_BATCH', { path });

/**
 * Checks the request body by hand: one pass, no per-event validator objects, and the first
 * problem answers with its JSON path. A malformed body stores nothing; problems that depend
 * on the catalog or the clock (unknown metric, timestamps, quantities) reject single events.
 */
export function parseUsageBatch(body: unknown): SubmittedUsageEvent[] {
  if (!isPlainObject(body)) throw invalid('$', 'must be a JSON object with an "events" array');
  const events = body['events'];
  if (!Array.isArray(events)) throw invalid('events', 'must be an array');
  if (events.length === 0 || events.length > MAX_EVENTS_PER_BATCH) {
    throw invalid('events', `must hold 1 to ${MAX_EVENTS_PER_BATCH} events`);
  }
  return events.map((event: unknown, index) => parseEvent(event, index));
}

function parseEvent(event: unknown, index: number): SubmittedUsageEvent {
  const at = `events[${index}]`;
  if (!isPlainObject(event)) throw invalid(at, 'must be an object');
  const { metric, quantity, timestamp, idempotency_key: idempotencyKey, properties = {} } = event;

  if (typeof metric !== 'string' || metric.length === 0) throw invalid(`${at}.metric`, 'must be a metric code');
  let quantityText: string;
  if (typeof quantity === 'string') quantityText = quantity.trim();
  else if (typeof quantity === 'number' && Number.isFinite(quantity)) quantityText = String(quantity);
  else throw invalid(`${at}.quantity`, 'must be a decimal number or a string holding one');
  if (typeof timestamp !== 'string' || !ISO_DATE_TIME.test(timestamp)) {
    throw invalid(`${at}.timestamp`, 'must be an ISO-8601 date-time with a time zone');
  }
  const occurredAt = new Date(timestamp);
  if (Number.isNaN(occurredAt.getTime())) throw invalid(`${at}.timestamp`, 'must be an ISO-8601 date-time');
  if (
    typeof idempotencyKey !== 'string' ||
    idempotencyKey.length === 0 ||
    idempotencyKey.length > MAX_IDEMPOTENCY_KEY_LENGTH
  ) {
    throw invalid(`${at}.idempotency_key`, `must be a string of 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`);
  }
  // PostgreSQL text and jsonb cannot hold NUL characters.
  if (idempotencyKey.includes('\0')) throw invalid(`${at}.idempotency_key`, 'must not contain NUL characters');
  if (!isPlainObject(properties)) throw invalid(`${at}.properties`, 'must be an object');
  const propertiesJson = JSON.stringify(properties);
  if (propertiesJson.includes('\\u0000')) throw invalid(`${at}.properties`, 'must not contain NUL characters');

  return {
    index,
    metricCode: metric,
    quantity: quantityText,
    occurredAt,
    idempotencyKey,
    propertiesJson,
    properties,
  };
}
