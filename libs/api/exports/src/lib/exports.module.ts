import { Module } from '@nestjs/common';
import { PlatformAuditModule } from '@warbler/api/audit';
import { PlatformDatabaseModule } from '@warbler/api/core';
import { ExportsController } from './http/exports.controller';
import { ExportJobFiles } from './jobs/export-job-files';
import { ExportJobs } from './jobs/export-jobs';
import { ExportJobsResolver } from './jobs/export-jobs.resolver';
import { ExportRetention } from './jobs/export-retention.job';
import { RevenueResolver } from './revenue/revenue.resolver';
import { RevenueSummary } from './revenue/revenue-summary';
import { ExportCatalog } from './shared/export-catalog';
import { ExportStreams } from './shared/export-streams';

/** Finance's exports (usage, invoices; direct or as jobs) and revenue summary, across tenants. */
@Module({
  imports: [PlatformDatabaseModule, PlatformAuditModule],
  providers: [
    ExportCatalog,
    ExportStreams,
    ExportJobFiles,
    ExportJobs,
    ExportJobsResolver,
    ExportRetention,
    RevenueSummary,
    RevenueResolver,
  ],
  controllers: [ExportsController],
  exports: [ExportJobs, ExportRetention],
})
export class ExportsModule {}
