import { Injectable, type OnModuleInit } from '@nestjs/common';
import { PeriodicJobs, PlatformDatabase, type Prisma } from '@warbler/api/core';
import type { BillingInterval, BillingPeriod } from '@warbler/shared/pricing';
import { periodsEndedBy } from './ended-periods';

const BATCH = 500;
/** A subscription years behind closes one period after another in one transaction. */
const CLOSE_TIMEOUT_MS = 60_000;

interface DueSubscription {
  tenantId: string;
  id: string;
  planVersionId: string;
  trialEndsAt: Date | null;
  currentPeriodStart: Date;
  currentPeriodEnd: Date;
  planVersion: { interval: BillingInterval };
}

/** A subscription's billing period that has just ended, as the rollover saw it. */
export interface EndedPeriod {
  tenantId: string;
  subscriptionId: string;
  planVersionId: string;
  trialEndsAt: Date | null;
  period: BillingPeriod;
}

/**
 * Work that must happen exactly once per ended period, e.g. drafting its invoice. It runs in the
 * transaction that moves the subscription on (a platform transaction, across tenants): if it
 * fails, the subscription stays where it was and the next run closes the period again.
 */
export type PeriodEndHandler = (tx: Prisma.TransactionClient, ended: EndedPeriod) => Promise<void>;

/**
 * Starts each subscription's next billing period once the current one has ended, across all tenants
 * (hence the platform client). Meters and quotas read the period from the subscription, so a period
 * that is not rolled keeps counting into the old one.
 */
@Injectable()
export class SubscriptionPeriods implements OnModuleInit {
  private readonly periodEndHandlers: PeriodEndHandler[] = [];

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

  /** Domains that act on period close (billing) register here when their module starts. */
  onPeriodEnd(handler: PeriodEndHandler): void {
    this.periodEndHandlers.push(handler);
  }

  /**
   * Moves every subscription whose period ended by `now` to the period containing `now`, and closes
   * each period it passes; returns how many subscriptions moved. Each move is conditional on the
   * period it read, so of concurrent or repeated runs exactly one moves a subscription and closes
   * its periods; the others wait for its row lock, then find the period changed and do nothing.
   * A subscription that fails to close stays where it was, to be closed by the next run; the others
   * move on, and the run then throws, naming how many failed.
   */
  async rollOverdue(now: Date): Promise<number> {
    let rolled = 0;
    const failed = new Map<string, unknown>();
    for (;;) {
      const due = await this.platform.client.subscription.findMany({
        where: { currentPeriodEnd: { lte: now }, id: { notIn: [...failed.keys()] } },
        select: {
          tenantId: true,
          id: true,
          planVersionId: true,
          trialEndsAt: true,
          currentPeriodStart: true,
          currentPeriodEnd: true,
          planVersion: { select: { interval: true } },
        },
        orderBy: { currentPeriodEnd: 'asc' },
        take: BATCH,
      });
      for (const subscription of due) {
        // One subscription that cannot close (e.g. terms billing cannot price) must not hold up the rest.
        try {
          rolled += await this.rollOne(subscription, now);
        } catch (error) {
          failed.set(subscription.id, error);
        }
      }
      if (due.length < BATCH) break;
    }
    if (failed.size > 0) {
      const [[id, error]] = failed;
      throw new Error(
        `${failed.size} subscription(s) could not close their period, e.g. ${id}: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
    return rolled;
  }

  private rollOne(subscription: DueSubscription, now: Date): Promise<number> {
    const { ended, next } = periodsEndedBy(
      { start: subscription.currentPeriodStart, end: subscription.currentPeriodEnd },
      subscription.planVersion.interval,
      now,
    );
    return this.platform.client.$transaction(
      async (tx) => {
        const { count } = await tx.subscription.updateMany({
          where: {
            tenantId: subscription.tenantId,
            id: subscription.id,
            currentPeriodEnd: subscription.currentPeriodEnd,
          },
          data: { currentPeriodStart: next.start, currentPeriodEnd: next.end },
        });
        if (count === 0) return 0;
        for (const period of ended) {
          for (const handler of this.periodEndHandlers) {
            await handler(tx, {
              tenantId: subscription.tenantId,
              subscriptionId: subscription.id,
              planVersionId: subscription.planVersionId,
              trialEndsAt: subscription.trialEndsAt,
              period,
            });
          }
        }
        return count;
      },
      { timeout: CLOSE_TIMEOUT_MS },
    );
  }
}
