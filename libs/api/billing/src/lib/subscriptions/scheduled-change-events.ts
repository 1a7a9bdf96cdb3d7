import { Injectable, type OnModuleInit } from '@nestjs/common';
import { SubscriptionPeriods } from '@warbler/api/catalog';
import { BillingEvents } from '../providers/billing-events';

/** Tells the payment provider of each change the period rollover puts in effect (a scheduled change). */
@Injectable()
export class ScheduledChangeEvents implements OnModuleInit {
  constructor(
    private readonly periods: SubscriptionPeriods,
    private readonly events: BillingEvents,
  ) {}

  onModuleInit(): void {
    this.periods.onTermsChange(async (tx, change) => {
      await this.events.record(tx, change.tenantId, { kind: 'subscription.changed', subscriptionChangeId: change.id });
    });
  }
}
