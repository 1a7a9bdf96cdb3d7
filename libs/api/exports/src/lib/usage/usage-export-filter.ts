import { badInput, type PrismaClient } from '@warbler/api/core';
import { isUuid } from '../shared/sql-literals';

export const USAGE_GRANULARITIES = ['HOUR', 'DAY', 'PERIOD'] as const;
export type UsageGranularity = (typeof USAGE_GRANULARITIES)[number];

/** At most this many tenants or metrics named in one filter; leave the list out for all of them. */
export const MAX_FILTER_IDS = 1_000;

/** What a caller asks for, from GraphQL or the query string, before validation. */
export interface UsageExportRequest {
  from?: Date | null;
  to?: Date | null;
  billingPeriodStart?: Date | null;
  tenantIds?: string[] | null;
  metrics?: string[] | null;
  granularity: UsageGranularity;
}

/** A validated filter, as it runs and as export jobs and the audit log store it. */
export interface UsageExportFilter {
  /** Hours in [from, to), UTC; or null with billingPeriodStart. */
  from: string | null;
  to: string | null;
  /** The billing periods that started at this instant (one tenant's period, or several tenants' aligned ones). */
  billingPeriodStart: string | null;
  /** null: every tenant. */
  tenantIds: string[] | null;
  /** Metric codes; null: every metric. */
  metrics: string[] | null;
  /** The metrics' ids, in the order of `metrics`. */
  metricIds: string[] | null;
  granularity: UsageGranularity;
}

const HOUR_MS = 3_600_000;

function validInstant(name: string, value: Date | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw badInput(`${name} must be an ISO 8601 date-time such as 2026-11-01T00:00:00Z`, 'BAD_EXPORT_FILTER');
  }
  return value;
}

function distinctList(name: string, values: string[] | null | undefined): string[] | null {
  if (values === null || values === undefined) return null;
  const distinct = [...new Set(values.map((value) => value.trim()))];
  if (distinct.length === 0)
    throw badInput(`${name} must name at least one, or be left out for all`, 'BAD_EXPORT_FILTER');
  if (distinct.length > MAX_FILTER_IDS) {
    throw badInput(`${name} may name at most ${MAX_FILTER_IDS}; leave it out for all`, 'BAD_EXPORT_FILTER');
  }
  return distinct;
}

/**
 * Checks a usage export request and resolves it against the catalog and the tenants, so that
 * every mistake is a BAD_USER_INPUT naming what is wrong, before any row is read.
 */
export async function resolveUsageFilter(
  platform: PrismaClient,
  request: UsageExportRequest,
): Promise<UsageExportFilter> {
  if (!USAGE_GRANULARITIES.includes(request.granularity)) {
    throw badInput(`granularity must be one of ${USAGE_GRANULARITIES.join(', ')}`, 'BAD_EXPORT_FILTER');
  }
  const from = validInstant('from', request.from);
  const to = validInstant('to', request.to);
  const billingPeriodStart = validInstant('billingPeriodStart', request.billingPeriodStart);
  if (billingPeriodStart && (from || to)) {
    throw badInput('Give either from and to, or billingPeriodStart, not both', 'BAD_EXPORT_FILTER');
  }
  if (!billingPeriodStart) {
    if (!from || !to) throw badInput('Give from and to (or billingPeriodStart)', 'BAD_EXPORT_FILTER');
    if (from.getTime() % HOUR_MS !== 0 || to.getTime() % HOUR_MS !== 0) {
      throw badInput('from and to must be whole UTC hours, e.g. 2026-11-01T00:00:00Z', 'BAD_EXPORT_FILTER');
    }
    if (from >= to) throw badInput('from must be before to', 'BAD_EXPORT_FILTER');
  }

  const tenantIds = distinctList('tenantIds', request.tenantIds);
  if (tenantIds) {
    const malformed = tenantIds.filter((id) => !isUuid(id));
    if (malformed.length) throw badInput(`tenantIds are not UUIDs: ${malformed.join(', ')}`, 'BAD_EXPORT_FILTER');
    const found = await platform.tenant.findMany({ where: { id: { in: tenantIds } }, select: { id: true } });
    const known = new Set(found.map((tenant) => tenant.id));
    const unknown = tenantIds.filter((id) => !known.has(id));
    if (unknown.length) throw badInput(`No tenant has the id ${unknown.join(', ')}`, 'UNKNOWN_TENANT');
  }

  const metrics = distinctList('metrics', request.metrics);
  let metricIds: string[] | null = null;
  if (metrics) {
    const found = await platform.billableMetric.findMany({
      where: { code: { in: metrics } },
      select: { id: true, code: true },
    });
    const byCode = new Map(found.map((metric) => [metric.code, metric.id]));
    const unknown = metrics.filter((code) => !byCode.has(code));
    if (unknown.length) throw badInput(`No billable metric has the code ${unknown.join(', ')}`, 'UNKNOWN_METRIC');
    metricIds = metrics.map((code) => byCode.get(code) as string);
  }

  return {
    from: from?.toISOString() ?? null,
    to: to?.toISOString() ?? null,
    billingPeriodStart: billingPeriodStart?.toISOString() ?? null,
    tenantIds,
    metrics,
    metricIds,
    granularity: request.granularity,
  };
}
