import { Injectable, type OnModuleInit } from '@nestjs/common';
import { SubscriptionPeriods } from '@warbler/api/catalog';
import { BillingEvents } from './billing-events';

/** Tells the provider about each closed period, in the transaction that closes it: its usage is final then. */
@Injectable()
export class PeriodCloseEvents implements OnModuleInit {
  constructor(
    private readonly periods: SubscriptionPeriods,
    private readonly events: BillingEvents,
  ) {}

  onModuleInit(): void {
    this.periods.onPeriodEnd((tx, ended) =>
      this.events.recordAll(
        tx,
        ended.map(({ tenantId, subscriptionId, planVersionId, period }) => ({
          tenantId,
          event: {
            kind: 'period.closed',
            subscriptionId,
            planVersionId,
            periodStart: period.start.toISOString(),
            periodEnd: period.end.toISOString(),
          },
        })),
      ),
    );
  }
}
