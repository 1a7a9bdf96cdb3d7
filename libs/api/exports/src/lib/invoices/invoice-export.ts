import { badInput, type PrismaClient } from '@warbler/api/core';
import type { ExportQuery } from '../shared/export-query';
import { instantLiteral, isUuid, utcText, uuidArrayLiteral } from '../shared/sql-literals';
import { MAX_FILTER_IDS } from '../usage/usage-export-filter';

export interface InvoiceExportRequest {
  from?: Date | null;
  to?: Date | null;
  tenantIds?: string[] | null;
  includeDrafts?: boolean | null;
}

/** Invoices whose billing period starts in [from, to). */
export interface InvoiceExportFilter {
  from: string;
  to: string;
  tenantIds: string[] | null;
  /** Drafts are not owed yet and may still change; left out unless asked for. */
  includeDrafts: boolean;
}

export async function resolveInvoiceFilter(
  platform: PrismaClient,
  request: InvoiceExportRequest,
): Promise<InvoiceExportFilter> {
  const { from, to } = request;
  for (const [name, value] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
      throw badInput(`${name} must be an ISO 8601 date-time such as 2026-11-01T00:00:00Z`, 'BAD_EXPORT_FILTER');
    }
  }
  if ((from as Date) >= (to as Date)) throw badInput('from must be before to', 'BAD_EXPORT_FILTER');
  let tenantIds: string[] | null = null;
  if (request.tenantIds !== null && request.tenantIds !== undefined) {
    tenantIds = [...new Set(request.tenantIds)];
    if (tenantIds.length === 0 || tenantIds.length > MAX_FILTER_IDS) {
      throw badInput(`tenantIds must name 1 to ${MAX_FILTER_IDS} tenants, or be left out for all`, 'BAD_EXPORT_FILTER');
    }
    const malformed = tenantIds.filter((id) => !isUuid(id));
    if (malformed.length) throw badInput(`tenantIds are not UUIDs: ${malformed.join(', ')}`, 'BAD_EXPORT_FILTER');
    const found = await platform.tenant.findMany({ where: { id: { in: tenantIds } }, select: { id: true } });
    const known = new Set(found.map((tenant) => tenant.id));
    const unknown = tenantIds.filter((id) => !known.has(id));
    if (unknown.length) throw badInput(`No tenant has the id ${unknown.join(', ')}`, 'UNKNOWN_TENANT');
  }
  return {
    from: (from as Date).toISOString(),
    to: (to as Date).toISOString(),
    tenantIds,
    includeDrafts: request.includeDrafts ?? false,
  };
}

/**
 * One row per invoice line, each carrying its invoice's amounts; an invoice without lines still
 * has one row (empty line columns). A file therefore reconciles on its own: per invoice, the line
 * amounts add up to subtotal_minor, and the invoices' total_minor (once per invoice_id) add up to
 * what was invoiced. Amounts are integer minor units, as text in JSON lines so none loses digits.
 */
export function invoiceExportQuery(filter: InvoiceExportFilter): ExportQuery {
  const where = [
    `i.period_start >= ${instantLiteral(new Date(filter.from))}`,
    `i.period_start < ${instantLiteral(new Date(filter.to))}`,
  ];
  if (filter.tenantIds) where.push(`i.tenant_id = ANY (${uuidArrayLiteral(filter.tenantIds)})`);
  if (!filter.includeDrafts) where.push(`i.status <> 'DRAFT'`);
  const from = `FROM invoices i JOIN tenants t ON t.id = i.tenant_id
    LEFT JOIN invoice_lines l ON l.tenant_id = i.tenant_id AND l.invoice_id = i.id
    WHERE ${where.join(' AND ')}`;
  const text = (name: string, sql: string) => ({ name, sql, json: 'text' as const });
  return {
    columns: [
      text('invoice_id', 'i.id'),
      text('invoice_number', 'i.number'),
      text('tenant_id', 'i.tenant_id'),
      text('tenant_slug', 't.slug'),
      text('status', 'i.status'),
      text('currency', 'i.currency'),
      text('period_start', utcText('i.period_start')),
      text('period_end', utcText('i.period_end')),
      text('issued_at', utcText('i.issued_at')),
      text('subtotal_minor', 'i.subtotal_minor'),
      text('tax_minor', 'i.tax_minor'),
      text('total_minor', 'i.total_minor'),
      text('amount_paid_minor', 'i.amount_paid_minor'),
      text('amount_credited_minor', 'i.amount_credited_minor'),
      { name: 'line_position', sql: 'l.position', json: 'number' },
      text('line_kind', 'l.kind'),
      text('line_description', 'l.description'),
      text('line_quantity', 'trim_scale(l.quantity)'),
      text('line_unit_price', 'trim_scale(l.unit_price)'),
      text('line_amount_minor', 'l.amount_minor'),
    ],
    body: `${from} ORDER BY i.period_start, i.tenant_id, i.id, l.position`,
    unorderedBody: from,
  };
}
