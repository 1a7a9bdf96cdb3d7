import type { BatchCatalog, MeteredMetric } from './batch-catalog';
import { Decimal, storableQuantity } from '../shared/decimals';
import { rejected, type UsageEventResult } from '../shared/usage-results';
import type { SubmittedUsageEvent } from './usage-batch.parser';

export const MAX_PROPERTIES_BYTES = 4096;
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

/** An event that passed every check that does not depend on usage so far. */
export interface MeterableEvent {
  submitted: SubmittedUsageEvent;
  metric: MeteredMetric;
  /** What the event adds: 1 for COUNT, whatever was sent otherwise. */
  quantity: Decimal;
  /** UNIQUE_COUNT only: the property value whose distinct count is metered. */
  uniqueValue: string | null;
}

const ONE = new Decimal(1);

/** The distinct value as text; null when the property is absent (or null) on the event. */
function propertyValue(properties: Record<string, unknown>, property: string): string | null {
  const value = properties[property];
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Judges one event against the catalog, the period and the clock: a rejection, or an event to meter. */
export function screenEvent(
  event: SubmittedUsageEvent,
  catalog: BatchCatalog,
  now: Date,
): MeterableEvent | UsageEventResult {
  const key = event.idempotencyKey;
  const metric = catalog.metrics.get(event.metricCode);
  if (!metric) return rejected(key, 'UNKNOWN_METRIC', `No billable metric has the code "${event.metricCode}"`);

  const quantity = storableQuantity(event.quantity);
  if (!quantity) {
    return rejected(key, 'BAD_QUANTITY', 'The quantity must be a finite decimal with at most 12 decimal places');
  }
  if (quantity.isNegative() && metric.aggregation !== 'MAX' && metric.aggregation !== 'LATEST') {
    return rejected(key, 'BAD_QUANTITY', `A ${metric.aggregation} metric takes no negative quantities`);
  }
  if (event.occurredAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    return rejected(key, 'TIMESTAMP_IN_FUTURE', 'The timestamp is more than 5 minutes ahead of the server clock');
  }
  if (event.occurredAt < catalog.period.start) {
    return rejected(
      key,
      'TIMESTAMP_IN_CLOSED_PERIOD',
      `The timestamp is before the current billing period, which started ${catalog.period.start.toISOString()}`,
    );
  }
  if (Buffer.byteLength(event.propertiesJson, 'utf8') > MAX_PROPERTIES_BYTES) {
    return rejected(key, 'PROPERTIES_TOO_LARGE', `The properties exceed ${MAX_PROPERTIES_BYTES} bytes as JSON`);
  }
  let uniqueValue: string | null = null;
  if (metric.aggregation === 'UNIQUE_COUNT' && metric.property) {
    uniqueValue = propertyValue(event.properties, metric.property);
    if (uniqueValue === null) {
      return rejected(key, 'MISSING_PROPERTY', `A ${metric.code} event must carry the property "${metric.property}"`);
    }
  }
  return {
    submitted: event,
    metric,
    quantity: metric.aggregation === 'COUNT' ? ONE : quantity,
    uniqueValue,
  };
}

export const isMeterable = (value: MeterableEvent | UsageEventResult): value is MeterableEvent => 'metric' in value;
