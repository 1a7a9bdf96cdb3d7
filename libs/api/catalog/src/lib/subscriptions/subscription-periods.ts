import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  type BillingInterval,
  PeriodicJobs,
  PlatformDatabase,
  type Prisma,
  type SubscriptionChangeModel,
} from '@warbler/api/core';
import type { BillingPeriod } from '@warbler/shared/pricing';
import { periodFrom } from './billing-periods';
import { applyScheduledChange, type CurrentTerms } from './scheduled-change';

const BATCH = 500;
/**
 * Subscriptions closed at once: each close waits on PostgreSQL for most of its time, so a few in
 * flight keep both the database and Node busy. One of the platform pool's 4 connections stays free
 * for finance and webhooks meanwhile.
 */
const CONCURRENT_CLOSES = 3;
/** A subscription years behind closes one period after another in one transaction. */
const CLOSE_TIMEOUT_MS = 60_000;

interface DueSubscription {
  tenantId: string;
  id: string;
  currentPeriodEnd: Date;
}

/** The subscription as the rollover reads it under its lock. */
interface LockedSubscription {
  plan_version_id: string;
  seat_quantity: number;
  trial_ends_at: Date | null;
  current_period_start: Date;
  current_period_end: Date;
  billing_anchor_at: Date;
  scheduled_plan_version_id: string | null;
  interval: BillingInterval;
}

/** A subscription's billing period that has just ended, as the rollover saw it. */
export interface EndedPeriod {
  tenantId: string;
  subscriptionId: string;
  /** The terms in effect when the period ended: its usage is priced on this version. */
  planVersionId: string;
  seatQuantity: number;
  trialEndsAt: Date | null;
  period: BillingPeriod;
  /** The same object for every period one rollOverdue run closes: it keys caches of immutable data. */
  run: object;
}

/**
 * Work that must happen exactly once per ended period, e.g. drafting its invoice. It runs in the
 * transaction that moves the subscription on (a platform transaction, across tenants): if it
 * fails, the subscription stays where it was and the next run closes the period again.
 */
export type PeriodEndHandler = (tx: Prisma.TransactionClient, ended: EndedPeriod) => Promise<void>;

/** Told of each change of terms the rollover makes (a scheduled change applied), in its transaction. */
export type TermsChangeHandler = (tx: Prisma.TransactionClient, change: SubscriptionChangeModel) => Promise<void>;

/**
 * Starts each subscription's next billing period once the current one has ended, across all tenants
 * (hence the platform client), applying a change scheduled for the period's end at the boundary.
 * Meters and quotas read the period from the subscription, so a period that is not rolled keeps
 * counting into the old one.
 */
@Injectable()
export class SubscriptionPeriods implements OnModuleInit {
  private readonly periodEndHandlers: PeriodEndHandler[] = [];
  private readonly termsChangeHandlers: TermsChangeHandler[] = [];

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

  /** Domains that tell others about changes of terms (billing's payment provider) register here. */
  onTermsChange(handler: TermsChangeHandler): void {
    this.termsChangeHandlers.push(handler);
  }

  /**
   * Moves every subscription whose period ended by `now` to the period containing `now`, and closes
   * each period it passes; returns how many subscriptions moved. Each move locks the subscription and
   * goes on only if its period is still the one it read, so of concurrent or repeated runs exactly
   * one moves a subscription and closes its periods; the others wait for its lock, then find the
   * period changed and do nothing. A subscription that fails to close stays where it was, to be
   * closed by the next run; the others move on, and the run then throws, naming how many failed.
   */
  async rollOverdue(now: Date): Promise<number> {
    let rolled = 0;
    const failed = new Map<string, unknown>();
    const run = {};
    for (;;) {
      const due = await this.platform.client.subscription.findMany({
        where: { currentPeriodEnd: { lte: now }, id: { notIn: [...failed.keys()] } },
        select: { tenantId: true, id: true, currentPeriodEnd: true },
        orderBy: { currentPeriodEnd: 'asc' },
        take: BATCH,
      });
      let next = 0;
      const closeInTurn = async () => {
        while (next < due.length) {
          const subscription = due[next++];
          // One subscription that cannot close (e.g. terms billing cannot price) must not hold up the rest.
          try {
            // Awaited first: `rolled += await …` would read the count before the wait and lose the
            // closes that finished meanwhile.
            const closed = await this.rollOne(subscription, now, run);
            rolled += closed;
          } catch (error) {
            failed.set(subscription.id, error);
          }
        }
      };
      await Promise.all(Array.from({ length: CONCURRENT_CLOSES }, closeInTurn));
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

  private rollOne(due: DueSubscription, now: Date, run: object): Promise<number> {
    return this.platform.client.$transaction(
      async (tx) => {
        // A close lost with its commit in a crash is simply made again by the next run (nothing
        // outside this transaction saw it), so the commit need not wait for the disk.
        await tx.$executeRaw`SET LOCAL synchronous_commit = off`;
        // One statement locks and reads it: closing thousands of subscriptions runs this for each.
        const [locked] = await tx.$queryRaw<LockedSubscription[]>`
          SELECT s.plan_version_id, s.seat_quantity, s.trial_ends_at, s.current_period_start, s.current_period_end,
                 s.billing_anchor_at, s.scheduled_plan_version_id, pv.interval::text AS interval
          FROM subscriptions s JOIN plan_versions pv ON pv.id = s.plan_version_id
          WHERE s.tenant_id = ${due.tenantId}::uuid AND s.id = ${due.id}::uuid
          FOR UPDATE OF s`;
        if (!locked || locked.current_period_end.getTime() !== due.currentPeriodEnd.getTime()) return 0;
        const subscription = { tenantId: due.tenantId, id: due.id };

        let terms: CurrentTerms = {
          planVersionId: locked.plan_version_id,
          seatQuantity: locked.seat_quantity,
          interval: locked.interval,
          billingAnchorAt: locked.billing_anchor_at,
        };
        let scheduled = locked.scheduled_plan_version_id;
        let period: BillingPeriod = { start: locked.current_period_start, end: locked.current_period_end };
        while (period.end.getTime() <= now.getTime()) {
          for (const handler of this.periodEndHandlers) {
            await handler(tx, {
              tenantId: subscription.tenantId,
              subscriptionId: subscription.id,
              planVersionId: terms.planVersionId,
              seatQuantity: terms.seatQuantity,
              trialEndsAt: locked.trial_ends_at,
              period,
              run,
            });
          }
          if (scheduled) {
            const applied = await applyScheduledChange(tx, subscription, terms, scheduled, period.end);
            for (const handler of this.termsChangeHandlers) await handler(tx, applied.change);
            ({ terms, period } = applied);
            scheduled = null;
          } else {
            period = periodFrom(period.end, terms.interval, terms.billingAnchorAt);
          }
        }

        await tx.subscription.update({
          where: { tenantId_id: { tenantId: subscription.tenantId, id: subscription.id } },
          data: {
            currentPeriodStart: period.start,
            currentPeriodEnd: period.end,
            planVersionId: terms.planVersionId,
            seatQuantity: terms.seatQuantity,
            billingAnchorAt: terms.billingAnchorAt,
            scheduledPlanVersionId: null,
            cancelAtPeriodEnd: false,
            cancelRequestedAt: null,
          },
        });
        return 1;
      },
      { timeout: CLOSE_TIMEOUT_MS },
    );
  }
}
