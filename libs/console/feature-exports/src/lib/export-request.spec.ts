import { type ExportForm, exportRequestOf, formatBytes } from './export-request';

const form = (overrides: Partial<ExportForm> = {}): ExportForm => ({
  kind: 'USAGE',
  format: 'CSV',
  period: 'RANGE',
  fromDate: '2026-11-01',
  toDate: '2026-11-30',
  periodStart: '',
  allTenants: true,
  tenantIds: '',
  metrics: [],
  granularity: 'DAY',
  includeDrafts: false,
  ...overrides,
});

describe('exportRequestOf', () => {
  it('asks for whole UTC days, the last one included', () => {
    expect(exportRequestOf(form())).toEqual({
      input: {
        kind: 'USAGE',
        format: 'CSV',
        usage: {
          from: '2026-11-01T00:00:00.000Z',
          to: '2026-12-01T00:00:00.000Z',
          billingPeriodStart: null,
          tenantIds: null,
          metrics: null,
          granularity: 'DAY',
        },
      },
    });
  });

  it('names tenants and metrics when given, each tenant once', () => {
    const id = '0190f1d2-0000-7000-8000-000000000001';
    const outcome = exportRequestOf(form({ allTenants: false, tenantIds: `${id},\n ${id}`, metrics: ['messages'] }));
    expect(outcome).toMatchObject({ input: { usage: { tenantIds: [id], metrics: ['messages'] } } });
  });

  it('asks for the billing periods that started at an instant instead of a range', () => {
    const outcome = exportRequestOf(form({ period: 'BILLING_PERIOD', periodStart: '2026-11-05T09:30' }));
    expect(outcome).toMatchObject({
      input: { usage: { from: null, to: null, billingPeriodStart: '2026-11-05T09:30:00.000Z' } },
    });
  });

  it('builds an invoice export with its own filter', () => {
    expect(exportRequestOf(form({ kind: 'INVOICES', format: 'JSONL', includeDrafts: true }))).toEqual({
      input: {
        kind: 'INVOICES',
        format: 'JSONL',
        invoices: {
          from: '2026-11-01T00:00:00.000Z',
          to: '2026-12-01T00:00:00.000Z',
          tenantIds: null,
          includeDrafts: true,
        },
      },
    });
  });

  it.each([
    [{ allTenants: false, tenantIds: ' ' }, 'Name at least one tenant id, or choose every tenant.'],
    [{ allTenants: false, tenantIds: 'acme' }, '"acme" is not a tenant id.'],
    [{ fromDate: '' }, 'Give the first and the last day.'],
    [{ fromDate: '2026-12-01' }, 'The first day must not be after the last.'],
    [{ period: 'BILLING_PERIOD' as const }, 'Give the billing period start.'],
  ])('says what to fix in %j', (overrides, problem) => {
    expect(exportRequestOf(form(overrides))).toEqual({ problem });
  });
});

describe('formatBytes', () => {
  it.each([
    [512, '512 B'],
    [1_500, '1.5 kB'],
    [2_345_678, '2.3 MB'],
  ])('%d bytes is %s', (bytes, text) => {
    expect(formatBytes(bytes, 'en-US')).toBe(text);
  });
});
