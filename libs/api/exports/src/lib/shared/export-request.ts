import { badInput } from '@warbler/api/core';
import type { InvoiceExportRequest } from '../invoices/invoice-export';
import { USAGE_GRANULARITIES, type UsageExportRequest, type UsageGranularity } from '../usage/usage-export-filter';
import type { ExportFormatName } from './export-streams';

/** The query string of a direct export, as Express hands it over. */
export type ExportQueryString = Record<string, string | string[] | undefined>;

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

function single(query: ExportQueryString, name: string): string | undefined {
  const value = query[name];
  if (Array.isArray(value)) throw badInput(`${name} may be given once`, 'BAD_EXPORT_FILTER');
  return value === undefined || value === '' ? undefined : value;
}

function instant(query: ExportQueryString, name: string): Date | undefined {
  const raw = single(query, name);
  if (raw === undefined) return undefined;
  if (!ISO_INSTANT.test(raw)) {
    throw badInput(
      `${name} must be an ISO 8601 date-time such as 2026-11-01T00:00:00Z, got "${raw}"`,
      'BAD_EXPORT_FILTER',
    );
  }
  return new Date(raw);
}

/** `tenantId=a&tenantId=b` or `tenantId=a,b`; undefined when absent (every one). */
function list(query: ExportQueryString, name: string): string[] | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  return (Array.isArray(value) ? value : [value]).flatMap((item) => item.split(',')).filter((item) => item !== '');
}

function refuseUnknown(query: ExportQueryString, known: string[]): void {
  const unknown = Object.keys(query).filter((name) => !known.includes(name));
  if (unknown.length) {
    throw badInput(`Unknown parameter ${unknown.join(', ')}; expected ${known.join(', ')}`, 'BAD_EXPORT_FILTER');
  }
}

export function formatOf(query: ExportQueryString): ExportFormatName {
  const raw = (single(query, 'format') ?? 'csv').toUpperCase();
  if (raw !== 'CSV' && raw !== 'JSONL') throw badInput('format must be csv or jsonl', 'BAD_EXPORT_FILTER');
  return raw;
}

export function usageRequestOf(query: ExportQueryString): UsageExportRequest {
  refuseUnknown(query, ['from', 'to', 'billingPeriodStart', 'tenantId', 'metric', 'granularity', 'format']);
  const granularity = (single(query, 'granularity') ?? 'HOUR').toUpperCase();
  if (!(USAGE_GRANULARITIES as readonly string[]).includes(granularity)) {
    throw badInput(`granularity must be one of ${USAGE_GRANULARITIES.join(', ')}`, 'BAD_EXPORT_FILTER');
  }
  return {
    from: instant(query, 'from'),
    to: instant(query, 'to'),
    billingPeriodStart: instant(query, 'billingPeriodStart'),
    tenantIds: list(query, 'tenantId'),
    metrics: list(query, 'metric'),
    granularity: granularity as UsageGranularity,
  };
}

export function invoiceRequestOf(query: ExportQueryString): InvoiceExportRequest {
  refuseUnknown(query, ['from', 'to', 'tenantId', 'includeDrafts', 'format']);
  const drafts = single(query, 'includeDrafts');
  if (drafts !== undefined && drafts !== 'true' && drafts !== 'false') {
    throw badInput('includeDrafts must be true or false', 'BAD_EXPORT_FILTER');
  }
  return {
    from: instant(query, 'from') ?? null,
    to: instant(query, 'to') ?? null,
    tenantIds: list(query, 'tenantId'),
    includeDrafts: drafts === 'true',
  };
}
