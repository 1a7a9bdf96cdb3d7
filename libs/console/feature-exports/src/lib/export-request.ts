import type {
  CreateExportJobInput,
  ExportFormat,
  ExportKind,
  UsageExportGranularity,
} from '@warbler/console/data-access';

/** What the export form holds: plain strings and lists, as the controls give them. */
export interface ExportForm {
  kind: ExportKind;
  format: ExportFormat;
  /** RANGE: whole UTC days from `fromDate` through `toDate`; BILLING_PERIOD: the periods starting at `periodStart`. */
  period: 'RANGE' | 'BILLING_PERIOD';
  /** yyyy-mm-dd, a UTC day. */
  fromDate: string;
  toDate: string;
  /** yyyy-mm-ddThh:mm, read as UTC. */
  periodStart: string;
  allTenants: boolean;
  /** Tenant ids separated by commas, spaces or new lines. */
  tenantIds: string;
  /** Metric codes; empty for every metric. */
  metrics: string[];
  granularity: UsageExportGranularity;
  includeDrafts: boolean;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type ExportRequestOutcome = { input: Omit<CreateExportJobInput, 'idempotencyKey'> } | { problem: string };

/**
 * Turns the form into the createExportJob input, or says in one sentence what to fix. The API
 * checks everything again; this only saves a round trip for the obvious mistakes.
 */
export function exportRequestOf(form: ExportForm): ExportRequestOutcome {
  let tenantIds: string[] | null = null;
  if (!form.allTenants) {
    tenantIds = [...new Set(form.tenantIds.split(/[\s,]+/).filter((id) => id !== ''))];
    if (tenantIds.length === 0) return { problem: 'Name at least one tenant id, or choose every tenant.' };
    const wrong = tenantIds.find((id) => !UUID.test(id));
    if (wrong) return { problem: `"${wrong}" is not a tenant id.` };
  }
  let from: string | null = null;
  let to: string | null = null;
  let billingPeriodStart: string | null = null;
  if (form.period === 'BILLING_PERIOD' && form.kind === 'USAGE') {
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(form.periodStart)) return { problem: 'Give the billing period start.' };
    billingPeriodStart = new Date(`${form.periodStart}:00Z`).toISOString();
  } else {
    if (!DAY.test(form.fromDate) || !DAY.test(form.toDate)) return { problem: 'Give the first and the last day.' };
    if (form.fromDate > form.toDate) return { problem: 'The first day must not be after the last.' };
    from = new Date(`${form.fromDate}T00:00:00Z`).toISOString();
    // The last day is included: the range ends where the next day begins.
    to = new Date(Date.parse(`${form.toDate}T00:00:00Z`) + 86_400_000).toISOString();
  }
  if (form.kind === 'USAGE') {
    return {
      input: {
        kind: 'USAGE',
        format: form.format,
        usage: {
          from,
          to,
          billingPeriodStart,
          tenantIds,
          metrics: form.metrics.length ? form.metrics : null,
          granularity: form.granularity,
        },
      },
    };
  }
  return {
    input: {
      kind: 'INVOICES',
      format: form.format,
      invoices: { from: from as string, to: to as string, tenantIds, includeDrafts: form.includeDrafts },
    },
  };
}

/** "1.2 MB"-style sizes for the jobs list. */
export function formatBytes(bytes: number, locale: string): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`;
}
