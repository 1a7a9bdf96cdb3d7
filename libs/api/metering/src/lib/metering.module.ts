import { Module } from '@nestjs/common';
import { WebhookEventsModule } from '@warbler/api/webhooks';
import { UsageEventsController } from './ingestion/usage-events.controller';
import { UsageIngestion } from './ingestion/usage-ingestion.service';
import { UsageOverviewResolver } from './overview/usage-overview.resolver';
import { UsageOverviewService } from './overview/usage-overview.service';
import { UsagePartitions } from './partitions/usage-partitions.job';
import { QuotaAlerts } from './quotas/quota-alerts';
import { QuotaStandings } from './quotas/quota-standings';
import { QuotasController } from './quotas/quotas.controller';
import { SpendingAlerts } from './spending/spending-alerts';

/** Usage ingestion, quotas and the console's usage overview. Database, APP_CONFIG and PeriodicJobs are global. */
@Module({
  imports: [WebhookEventsModule],
  controllers: [UsageEventsController, QuotasController],
  providers: [
    UsageIngestion,
    QuotaAlerts,
    QuotaStandings,
    SpendingAlerts,
    UsageOverviewService,
    UsageOverviewResolver,
    UsagePartitions,
  ],
  exports: [UsageIngestion],
})
export class MeteringModule {}
