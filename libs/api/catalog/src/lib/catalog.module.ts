import { Module } from '@nestjs/common';
import { PlatformDatabaseModule } from '@warbler/api/core';
import { BillableMetricsResolver } from './metrics/billable-metrics.resolver';
import { BillableMetricsService } from './metrics/billable-metrics.service';
import { PlanVersionResolver, PlansResolver } from './plans/plans.resolver';
import { PlansService } from './plans/plans.service';
import { CurrentSubscriptionResolver } from './subscriptions/current-subscription.resolver';
import { SubscriptionPeriods } from './subscriptions/subscription-periods';
import { SubscriptionProvisioning } from './subscriptions/subscription-provisioning';

/**
 * The platform's price list (metrics, plans, versions) and each tenant's subscription to it. Catalog
 * writes go through the platform role behind PLATFORM_ADMIN permissions; Database and PeriodicJobs are global.
 */
@Module({
  imports: [PlatformDatabaseModule],
  providers: [
    BillableMetricsService,
    BillableMetricsResolver,
    PlansService,
    PlansResolver,
    PlanVersionResolver,
    CurrentSubscriptionResolver,
    SubscriptionProvisioning,
    SubscriptionPeriods,
  ],
  exports: [SubscriptionProvisioning, SubscriptionPeriods],
})
export class CatalogModule {}
