import { Injectable, type OnModuleInit } from '@nestjs/common';
import { SubscriptionPeriods } from '@warbler/api/catalog';
import { TenantWebhooks } from '@warbler/api/webhooks';
import { BillingEvents } from '../providers/billing-events';
import { subscriptionChangedData } from '../shared/tenant-webhook-data';

/** Tells the payment provider and the tenant's webhooks of each change the period rollover puts in effect (a scheduled change). */
@Injectable()
export class ScheduledChangeEvents implements OnModuleInit {
  constructor(
    private readonly periods: SubscriptionPeriods,
    private readonly events: BillingEvents,
    private readonly webhooks: TenantWebhooks,
  ) {}

  onModuleInit(): void {
    this.periods.onTermsChange(async (tx, change) => {
      await this.events.record(tx, change.tenantId, { kind: 'subscription.changed', subscriptionChangeId: change.id });
      await this.webhooks.publish(
        tx,
        change.tenantId,
        'subscription.changed',
        await subscriptionChangedData(tx, change),
      );
    });
  }
}
