import { Injectable, type OnModuleInit } from '@nestjs/common';
import { PeriodicJobs, PlatformDatabase } from '@warbler/api/core';
import { rollPeriodForward } from '@warbler/shared/pricing';

const BATCH = 500;

/**
 * Starts each subscription's next billing period once the current one has ended, across all tenants
 * (hence the platform client). Meters and quotas read the period from the subscription, so a period
 * that is not rolled keeps counting into the old one.
 */
@Injectable()
export class SubscriptionPeriods implements OnModuleInit {
  constructor(
    private readonly platform: PlatformDatabase,
    private readonly jobs: PeriodicJobs,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: 'subscription-periods',
      everyMs: 60_000,
      run: async () => {
        await this.rollOverdue(new Date());
      },
    });
  }

  /**
   * Moves every subscription whose period ended by `now` to the period containing `now`; returns how
   * many moved. Each update is conditional on the period it read, so a concurrent or repeated run
   * never moves one twice.
   */
  async rollOverdue(now: Date): Promise<number> {
    let rolled = 0;
    for (;;) {
      const due = await this.platform.client.subscription.findMany({
        where: { currentPeriodEnd: { lte: now } },
        select: {
          tenantId: true,
          id: true,
          currentPeriodStart: true,
          currentPeriodEnd: true,
          planVersion: { select: { interval: true } },
        },
        orderBy: { currentPeriodEnd: 'asc' },
        take: BATCH,
      });
      for (const subscription of due) {
        const next = rollPeriodForward(
          { start: subscription.currentPeriodStart, end: subscription.currentPeriodEnd },
          subscription.planVersion.interval,
          now,
        );
        const { count } = await this.platform.client.subscription.updateMany({
          where: {
            tenantId: subscription.tenantId,
            id: subscription.id,
            currentPeriodEnd: subscription.currentPeriodEnd,
          },
          data: { currentPeriodStart: next.start, currentPeriodEnd: next.end },
        });
        rolled += count;
      }
      if (due.length < BATCH) return rolled;
    }
  }
}
