import { Injectable } from '@nestjs/common';
import { AuditLog } from '@warbler/api/audit';
import { TenantWebhooks } from '@warbler/api/webhooks';
import {
  type Actor,
  badInput,
  DomainError,
  notFound,
  PlatformDatabase,
  type PlanVersionModel as PlanVersionRow,
  type Prisma,
} from '@warbler/api/core';
import { planMove, type PlannedChange } from '../subscriptions/change-planning';
import { recordChange, scheduleChange } from '../subscriptions/change-recording';
import { ChangeTiming } from '../subscriptions/subscription-change.args';
import { SUBSCRIPTION_TARGET, SubscriptionAction, subscriptionState } from '../subscriptions/subscription-audit';
import { lockSubscription, type SubscriptionRow } from '../subscriptions/subscription-lock';
import { BillingEvents } from '../providers/billing-events';
import { subscriptionChangedData } from '../shared/tenant-webhook-data';
import { pricedVersions } from '../period-close/priced-versions';
import { lastPeriodPrices } from './last-period-pricing';
import { decodeMoveCursor, encodeMoveCursor } from './move-cursor';
import {
  type PlanMovePreviewConnection,
  type PlanMoveResultModel,
  PlanMoveSkipReason,
  type PlanMoveSkipModel,
} from './plan-move.model';

type Tx = Prisma.TransactionClient;

/** Tenants read per round when a move names none: every tenant on the version, in tenant id order. */
const MOVE_BATCH = 200;

/** What the change rules refuse, as the reasons a bulk move skips a tenant for. */
const SKIP_FOR: Record<string, PlanMoveSkipReason> = {
  SEATS_IN_USE: PlanMoveSkipReason.SEATS_IN_USE_ABOVE_MAXIMUM,
  CURRENCY_CHANGE_AT_PERIOD_END: PlanMoveSkipReason.CURRENCY_MISMATCH,
  INTERVAL_CHANGE_AT_PERIOD_END: PlanMoveSkipReason.INTERVAL_MISMATCH,
  PERIOD_CLOSING: PlanMoveSkipReason.PERIOD_CLOSING,
};

type MoveOutcome = { moved: true } | { moved: false; reason: PlanMoveSkipReason; message: string };

const skip = (reason: PlanMoveSkipReason, message: string): MoveOutcome => ({ moved: false, reason, message });

/**
 * The platform admin's bulk move of every tenant (or the named ones) from one plan version to
 * another, now or at each tenant's period end, and its preview priced on each tenant's last closed
 * period. Cross-tenant, so it runs on the platform client, behind PLATFORM_ADMIN. Each tenant moves
 * in a transaction of its own, by the same rules as a tenant's own change, audited in its own log;
 * a tenant that cannot move is skipped with the reason, and moving again later skips those moved.
 */
@Injectable()
export class PlanMoves {
  constructor(
    private readonly platform: PlatformDatabase,
    private readonly audit: AuditLog,
    private readonly events: BillingEvents,
    private readonly webhooks: TenantWebhooks,
  ) {}

  async preview(from: string, to: string, first: number, after?: string | null): Promise<PlanMovePreviewConnection> {
    const tx = this.platform.client;
    const [fromVersion, toVersion] = await this.versions(tx, from, to);
    const priced = await pricedVersions(tx, [fromVersion.id, toVersion.id]);
    const current = priced.get(fromVersion.id);
    const target = priced.get(toVersion.id);
    if (!current || !target) throw notFound('Plan version');
    const rows = await tx.subscription.findMany({
      where: { planVersionId: from, ...(after && { tenantId: { gt: decodeMoveCursor(after) } }) },
      include: { tenant: { select: { name: true } } },
      orderBy: { tenantId: 'asc' },
      take: first + 1,
    });
    const edges = [];
    for (const subscription of rows.slice(0, first)) {
      const prices = await lastPeriodPrices(tx, subscription, current, target);
      const seatsInUse = await tx.membership.count({
        where: { tenantId: subscription.tenantId, status: 'ACTIVE', seatAssigned: true },
      });
      const comparable = current.currency === target.currency;
      edges.push({
        cursor: encodeMoveCursor(subscription.tenantId),
        node: {
          tenantId: subscription.tenantId,
          tenantName: subscription.tenant.name,
          currency: current.currency,
          targetCurrency: target.currency,
          seatQuantity: subscription.seatQuantity,
          seatsInUse,
          lastPeriodStart: prices?.period.start ?? null,
          lastPeriodEnd: prices?.period.end ?? null,
          currentAmountMinor: prices?.currentMinor.toString() ?? null,
          targetAmountMinor: prices?.targetMinor.toString() ?? null,
          differenceMinor: prices && comparable ? (prices.targetMinor - prices.currentMinor).toString() : null,
        },
      });
    }
    return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  async move(
    actor: Actor,
    from: string,
    to: string,
    timing: ChangeTiming,
    tenantIds?: readonly string[] | null,
  ): Promise<PlanMoveResultModel> {
    const [fromVersion, toVersion] = await this.versions(this.platform.client, from, to);
    let movedCount = 0;
    const skipped: PlanMoveSkipModel[] = [];
    for await (const tenantId of this.tenantsToMove(fromVersion.id, tenantIds)) {
      const outcome = await this.platform.client.$transaction((tx) =>
        this.moveOne(tx, actor, tenantId, fromVersion, toVersion, timing),
      );
      if (outcome.moved) {
        movedCount += 1;
      } else {
        const tenant = await this.platform.client.tenant.findUnique({
          where: { id: tenantId },
          select: { name: true },
        });
        skipped.push({ tenantId, tenantName: tenant?.name ?? null, reason: outcome.reason, message: outcome.message });
      }
    }
    return { movedCount, skipped };
  }

  /** The named tenants, or every tenant on the version, read in batches as the move goes. */
  private async *tenantsToMove(from: string, tenantIds?: readonly string[] | null): AsyncGenerator<string> {
    if (tenantIds) {
      yield* new Set(tenantIds);
      return;
    }
    let after: string | undefined;
    for (;;) {
      const batch = await this.platform.client.subscription.findMany({
        where: { planVersionId: from, ...(after && { tenantId: { gt: after } }) },
        select: { tenantId: true },
        orderBy: { tenantId: 'asc' },
        take: MOVE_BATCH,
      });
      for (const { tenantId } of batch) yield tenantId;
      if (batch.length < MOVE_BATCH) return;
      after = batch[batch.length - 1].tenantId;
    }
  }

  private async moveOne(
    tx: Tx,
    actor: Actor,
    tenantId: string,
    from: PlanVersionRow,
    to: PlanVersionRow,
    timing: ChangeTiming,
  ): Promise<MoveOutcome> {
    const exists = await tx.subscription.count({ where: { tenantId } });
    if (exists === 0) return skip(PlanMoveSkipReason.NOT_ON_FROM_VERSION, 'No such tenant');
    const subscription = await lockSubscription(tx, tenantId);
    if (subscription.planVersionId !== from.id) {
      return skip(PlanMoveSkipReason.NOT_ON_FROM_VERSION, 'The tenant is on another plan version now');
    }
    if (timing === ChangeTiming.PERIOD_END && subscription.scheduledPlanVersionId) {
      return subscription.scheduledPlanVersionId === to.id && !subscription.cancelAtPeriodEnd
        ? skip(PlanMoveSkipReason.ALREADY_SCHEDULED, 'The move is scheduled for the period end already')
        : skip(PlanMoveSkipReason.CHANGE_SCHEDULED, 'The tenant scheduled its own change or cancellation');
    }
    let planned: PlannedChange;
    try {
      planned = await planMove(
        tx,
        subscription,
        { target: to, seatQuantity: null, timing, effectiveAt: null, mayStartTrial: false },
        new Date(),
      );
    } catch (error) {
      const reason = error instanceof DomainError && error.reason ? SKIP_FOR[error.reason] : undefined;
      if (!reason) throw error;
      return skip(reason, (error as DomainError).message);
    }
    if (timing === ChangeTiming.NOW) {
      const change = await recordChange(tx, subscription, planned, { userId: actor.userId, idempotencyKey: null });
      await this.events.record(tx, tenantId, { kind: 'subscription.changed', subscriptionChangeId: change.id });
      await this.webhooks.publish(tx, tenantId, 'subscription.changed', await subscriptionChangedData(tx, change));
    } else {
      await scheduleChange(tx, subscription, planned, null);
    }
    await this.recordAudit(tx, actor, subscription);
    return { moved: true };
  }

  private async recordAudit(tx: Tx, actor: Actor, before: SubscriptionRow): Promise<void> {
    const after = await tx.subscription.findUniqueOrThrow({ where: { tenantId: before.tenantId } });
    await this.audit.record(
      tx,
      { ...actor, tenantId: before.tenantId },
      {
        action: SubscriptionAction.moved,
        targetType: SUBSCRIPTION_TARGET,
        targetId: before.id,
        before: subscriptionState(before),
        after: subscriptionState(after),
      },
    );
  }

  private async versions(tx: Tx, from: string, to: string): Promise<[PlanVersionRow, PlanVersionRow]> {
    if (from === to) throw badInput('The tenants are on that version already', 'SAME_PLAN_VERSION');
    const [fromVersion, toVersion] = await Promise.all([
      tx.planVersion.findUnique({ where: { id: from } }),
      tx.planVersion.findUnique({ where: { id: to } }),
    ]);
    if (!fromVersion || !toVersion) throw notFound('Plan version');
    if (toVersion.status !== 'PUBLISHED') {
      throw badInput('Tenants move onto published versions only', 'PLAN_VERSION_NOT_PUBLISHED');
    }
    return [fromVersion, toVersion];
  }
}
