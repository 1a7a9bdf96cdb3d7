import { Injectable } from '@nestjs/common';
import { PlatformDatabase } from '@warbler/api/core';
import {
  invoiceExportQuery,
  type InvoiceExportFilter,
  type InvoiceExportRequest,
  resolveInvoiceFilter,
} from '../invoices/invoice-export';
import { resolveUsageFilter, type UsageExportFilter, type UsageExportRequest } from '../usage/usage-export-filter';
import { usageExportQuery } from '../usage/usage-export-query';
import type { ExportQuery } from './export-query';

export type ExportKindName = 'USAGE' | 'INVOICES';

/** A validated export: what it reads and the filter the audit log and the job keep. */
export type ResolvedExport =
  | { kind: 'USAGE'; filter: UsageExportFilter; query: ExportQuery }
  | { kind: 'INVOICES'; filter: InvoiceExportFilter; query: ExportQuery };

export type ExportRequest =
  | { kind: 'USAGE'; request: UsageExportRequest }
  | { kind: 'INVOICES'; request: InvoiceExportRequest };

/** Turns a request into the query it runs, refusing a bad filter with BAD_USER_INPUT first. */
@Injectable()
export class ExportCatalog {
  constructor(private readonly platform: PlatformDatabase) {}

  async resolve(asked: ExportRequest): Promise<ResolvedExport> {
    if (asked.kind === 'USAGE') {
      const filter = await resolveUsageFilter(this.platform.client, asked.request);
      return { kind: 'USAGE', filter, query: usageExportQuery(filter) };
    }
    const filter = await resolveInvoiceFilter(this.platform.client, asked.request);
    return { kind: 'INVOICES', filter, query: invoiceExportQuery(filter) };
  }

  /** The query of a filter an export job stored when it was created (validated then). */
  queryOf(kind: ExportKindName, filter: unknown): ExportQuery {
    return kind === 'USAGE'
      ? usageExportQuery(filter as UsageExportFilter)
      : invoiceExportQuery(filter as InvoiceExportFilter);
  }
}

export const fileExtension = (format: 'CSV' | 'JSONL') => (format === 'CSV' ? 'csv' : 'jsonl');
export const contentType = (format: 'CSV' | 'JSONL') =>
  format === 'CSV' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8';
