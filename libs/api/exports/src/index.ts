export { ExportsModule } from './lib/exports.module';
// The statement the usage export runs, for the benchmark's COPY baseline of exactly the same rows.
export { usageExportQuery } from './lib/usage/usage-export-query';
export type { UsageExportFilter } from './lib/usage/usage-export-filter';
export { csvStatement } from './lib/shared/export-query';
