import type { ExportJobModel } from '@warbler/api/core';
import { toExportJob } from './export-job.graphql';

const job = (overrides: Partial<ExportJobModel>): ExportJobModel => ({
  id: '0190f1d2-0000-7000-8000-000000000001',
  kind: 'USAGE',
  format: 'CSV',
  filter: {},
  status: 'RUNNING',
  requestedByUserId: '0190f1d2-0000-7000-8000-000000000002',
  idempotencyKey: 'k',
  totalRows: null,
  rowsWritten: 0n,
  bytesWritten: 0n,
  fileName: null,
  error: null,
  createdAt: new Date(0),
  updatedAt: new Date(0),
  startedAt: null,
  finishedAt: null,
  expiresAt: new Date(0),
  ...overrides,
});

describe('export job progress', () => {
  it.each([
    ['queued, not counted yet', { status: 'QUEUED' as const }, 0],
    ['nothing to write yet', { totalRows: 0n, rowsWritten: 0n }, 0],
    ['a quarter written', { totalRows: 1_000n, rowsWritten: 250n }, 25],
    ['a third written, to a tenth of a percent', { totalRows: 3n, rowsWritten: 1n }, 33.3],
    // Never 100 before the file is complete, even when rows came in after the count.
    ['more rows than counted', { totalRows: 10n, rowsWritten: 12n }, 99],
    ['succeeded', { status: 'SUCCEEDED' as const, totalRows: 10n, rowsWritten: 10n }, 100],
  ])('%s is %d percent', (_case, overrides, percent) => {
    expect(toExportJob(job(overrides)).progressPercent).toBe(percent);
  });
});
