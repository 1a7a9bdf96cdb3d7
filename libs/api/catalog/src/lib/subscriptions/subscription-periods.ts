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

/**
 * Subscriptions closed in one transaction: their reads and writes go to PostgreSQL as a few
 * set-based statements per chunk rather than several per subscription.
 */
const CHUNK = 500;
/**
 * Chunks closed at once: while one waits on PostgreSQL, the next one's pricing runs in Node. Two of
 * the platform pool's 4 connections stay free for finance and webhooks meanwhile.
 */
const CONCURRENT_CHUNKS = 2;
/** A chunk of subscriptions years behind closes one period after another for each of them. */
const CHUNK_TIMEOUT_MS = 120_000;

interface DueSubscription {
  tenantId: string;
  id: string;
}

/** A due subscription as the rollover reads it under its lock. */
interface LockedSubscription {
  tenant_id: string;
  id: string;
  plan_version_id: string;
  seat_quantity: number;
  trial_ends_at: Date | null;
  current_period_start: Date;
  current_period_end: Date;
  billing_anchor_at: Date;
  scheduled_plan_version_id: string | null;
  interval: BillingInterval;
}

/** Where a subscription stands once its ended periods are closed: the period containing `now`. */
interface RolledSubscription {
  tenantId: string;
  id: string;
  terms: CurrentTerms;
  period: BillingPeriod;
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
 * Work that must happen exactly once per ended period, e.g. drafting its invoice. It is handed the
 * periods a chunk closes, all at once, in the transaction that moves their subscriptions on (a
 * platform transaction, across tenants): if it fails, those subscriptions stay where they were and
 * are closed again, one by one, so that one that cannot close holds up no other.
 */
export type PeriodEndHandler = (tx: Prisma.TransactionClient, ended: readonly EndedPeriod[]) => Promise<void>;

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
   * each period it passes; returns how many subscriptions moved. A chunk's transaction locks its
   * subscriptions and takes only those still due, so of concurrent or repeated runs exactly one
   * moves a subscription and closes its periods; the others wait for its lock, then find it no longer
   * due and do nothing. When a chunk fails, each of its subscriptions is closed alone: one that still
   * fails stays where it was, to be closed by the next run; the others move on, and the run then
   * throws, naming how many failed.
   */
  async rollOverdue(now: Date): Promise<number> {
    let rolled = 0;
    const failed = new Map<string, unknown>();
    const run = {};
    for (;;) {
      const due = await this.platform.client.subscription.findMany({
        where: { currentPeriodEnd: { lte: now }, id: { notIn: [...failed.keys()] } },
        select: { tenantId: true, id: true },
        orderBy: [{ currentPeriodEnd: 'asc' }, { id: 'asc' }],
        take: CHUNK * CONCURRENT_CHUNKS,
      });
      const chunks = Array.from({ length: Math.ceil(due.length / CHUNK) }, (_, index) =>
        due.slice(index * CHUNK, (index + 1) * CHUNK),
      );
      const counts = await Promise.all(chunks.map((chunk) => this.closeChunkOrEach(chunk, now, run, failed)));
      rolled += counts.reduce((sum, count) => sum + count, 0);
      if (due.length < CHUNK * CONCURRENT_CHUNKS) break;
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

  private async closeChunkOrEach(
    chunk: DueSubscription[],
    now: Date,
    run: object,
    failed: Map<string, unknown>,
  ): Promise<number> {
    try {
      return await this.closeChunk(chunk, now, run);
    } catch (error) {
      if (chunk.length === 1) {
        failed.set(chunk[0].id, error);
        return 0;
      }
    }
    let rolled = 0;
    for (const subscription of chunk) rolled += await this.closeChunkOrEach([subscription], now, run, failed);
    return rolled;
  }

  /** Closes the ended periods of the chunk's subscriptions still due, in one transaction; returns how many moved. */
  private closeChunk(chunk: DueSubscription[], now: Date, run: object): Promise<number> {
    return this.platform.client.$transaction(
      async (tx) => {
        // A close lost with its commit in a crash is simply made again by the next run (nothing
        // outside this transaction saw it), so the commit need not wait for the disk.
        await tx.$executeRaw`SET LOCAL synchronous_commit = off`;
        const keys = JSON.stringify(chunk.map(({ tenantId, id }) => ({ tenant_id: tenantId, id })));
        // Locked in key order, so that two runs locking overlapping chunks cannot deadlock; a row
        // another run moved meanwhile is read again once its lock is free, and is then not due.
        const locked = await tx.$queryRaw<LockedSubscription[]>`
          SELECT s.tenant_id::text, s.id::text, s.plan_version_id::text, s.seat_quantity, s.trial_ends_at,
                 s.current_period_start, s.current_period_end, s.billing_anchor_at,
                 s.scheduled_plan_version_id::text, pv.interval::text AS interval
          FROM subscriptions s
          JOIN plan_versions pv ON pv.id = s.plan_version_id
          JOIN json_to_recordset(${keys}::json) AS due(tenant_id uuid, id uuid)
            ON s.tenant_id = due.tenant_id AND s.id = due.id
          WHERE s.current_period_end <= ${now}
          ORDER BY s.tenant_id, s.id
          FOR UPDATE OF s`;
        if (locked.length === 0) return 0;

        const ended: EndedPeriod[] = [];
        const applied: SubscriptionChangeModel[] = [];
        const rolled: RolledSubscription[] = [];
        for (const subscription of locked) {
          rolled.push(await this.rollPastEndedPeriods(tx, subscription, now, run, ended, applied));
        }
        for (const handler of this.periodEndHandlers) await handler(tx, ended);
        for (const change of applied) {
          for (const handler of this.termsChangeHandlers) await handler(tx, change);
        }
        await moveOn(tx, rolled);
        return rolled.length;
      },
      { timeout: CHUNK_TIMEOUT_MS },
    );
  }

  /**
   * Walks a locked subscription's periods up to the one containing `now`, noting each ended period
   * (priced on the terms in effect at its end) and applying a scheduled change at the first boundary.
   */
  private async rollPastEndedPeriods(
    tx: Prisma.TransactionClient,
    locked: LockedSubscription,
    now: Date,
    run: object,
    ended: EndedPeriod[],
    applied: SubscriptionChangeModel[],
  ): Promise<RolledSubscription> {
    const subscription = { tenantId: locked.tenant_id, id: locked.id };
    let terms: CurrentTerms = {
      planVersionId: locked.plan_version_id,
      seatQuantity: locked.seat_quantity,
      interval: locked.interval,
      billingAnchorAt: locked.billing_anchor_at,
    };
    let scheduled = locked.scheduled_plan_version_id;
    let period: BillingPeriod = { start: locked.current_period_start, end: locked.current_period_end };
    while (period.end.getTime() <= now.getTime()) {
      ended.push({
        tenantId: subscription.tenantId,
        subscriptionId: subscription.id,
        planVersionId: terms.planVersionId,
        seatQuantity: terms.seatQuantity,
        trialEndsAt: locked.trial_ends_at,
        period,
        run,
      });
      if (scheduled) {
        const change = await applyScheduledChange(tx, subscription, terms, scheduled, period.end);
        applied.push(change.change);
        ({ terms, period } = change);
        scheduled = null;
      } else {
        period = periodFrom(period.end, terms.interval, terms.billingAnchorAt);
      }
    }
    return { ...subscription, terms, period };
  }
}

/** Puts each subscription in its new period and terms, in one statement; anything scheduled is done. */
async function moveOn(tx: Prisma.TransactionClient, rolled: readonly RolledSubscription[]): Promise<void> {
  const rows = JSON.stringify(
    rolled.map(({ tenantId, id, terms, period }) => ({
      tenant_id: tenantId,
      id,
      current_period_start: period.start,
      current_period_end: period.end,
      plan_version_id: terms.planVersionId,
      seat_quantity: terms.seatQuantity,
      billing_anchor_at: terms.billingAnchorAt,
    })),
  );
  await tx.$executeRaw`
    UPDATE subscriptions s
    SET current_period_start = r.current_period_start,
        current_period_end = r.current_period_end,
        plan_version_id = r.plan_version_id,
        seat_quantity = r.seat_quantity,
        billing_anchor_at = r.billing_anchor_at,
        scheduled_plan_version_id = NULL,
        cancel_at_period_end = false,
        cancel_requested_at = NULL,
        updated_at = now()
    FROM json_to_recordset(${rows}::json) AS r(
      tenant_id uuid, id uuid, current_period_start timestamptz, current_period_end timestamptz,
      plan_version_id uuid, seat_quantity integer, billing_anchor_at timestamptz)
    WHERE s.tenant_id = r.tenant_id AND s.id = r.id`;
}
