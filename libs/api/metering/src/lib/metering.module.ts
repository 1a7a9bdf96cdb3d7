import { Module } from '@nestjs/common';
import { UsageEventsController } from './ingestion/usage-events.controller';
import { UsageIngestion } from './ingestion/usage-ingestion.service';
import { UsageOverviewResolver } from './overview/usage-overview.resolver';
import { UsageOverviewService } from './overview/usage-overview.service';
import { UsagePartitions } from './partitions/usage-partitions.job';
import { QuotaAlerts } from './quotas/quota-alerts';
import { QuotaStandings } from './quotas/quota-standings';
import { QuotasController } from './quotas/quotas.controller';

/** Usage ingestion, quotas and the console's usage overview. Database, APP_CONFIG and PeriodicJobs are global. */
@Module({
  controllers: [UsageEventsController, QuotasController],
  providers: [
    UsageIngestion,
    QuotaAlerts,
    QuotaStandings,
    UsageOverviewService,
    UsageOverviewResolver,
    UsagePartitions,
  ],
  exports: [UsageIngestion],
})
export class MeteringModule {}
