import { Injectable } from '@nestjs/common';
import { AuditLog } from '@warbler/api/audit';
import {
  defaultPlanVersion,
  offeredVersion,
  readTenantSubscription,
  type TenantSubscriptionModel,
} from '@warbler/api/catalog';
import { Database, type Prisma, type SubscriptionChangeModel, type TenantActor } from '@warbler/api/core';
import { TenantWebhooks } from '@warbler/api/webhooks';
import { BillingEvents } from '../providers/billing-events';
import { subscriptionChangedData } from '../shared/tenant-webhook-data';
import { type MoveRequest, planMove, type PlannedChange } from './change-planning';
import { previewChange, upcomingInvoice } from './change-preview';
import { clearScheduledChange, recordChange, scheduleChange } from './change-recording';
import { ChangeTiming, type SubscriptionChangeInput } from './subscription-change.args';
import { SUBSCRIPTION_TARGET, SubscriptionAction, subscriptionState } from './subscription-audit';
import {
  alreadyOnDefaultPlan,
  effectiveAtNowOnly,
  idempotencyKeyReused,
  noDefaultPlan,
  nothingToChange,
  nothingToResume,
  planVersionNotAvailable,
  planVersionNotFound,
  seatsAtPeriodEnd,
} from './subscription-errors';
import type { SubscriptionChangePreviewModel, UpcomingInvoiceModel } from './subscription-estimates.model';
import { lockSubscription, readSubscription, type SubscriptionRow } from './subscription-lock';

type Tx = Prisma.TransactionClient;

/** Kinds a changeSubscription call records; a cancellation has its own. */
const CHANGE_KINDS = new Set(['PLAN_CHANGED', 'SEATS_CHANGED', 'TRIAL_STARTED']);

/**
 * A tenant's own subscription: previews, changes now or at period end, cancellation and resumption,
 * and the upcoming invoice, all under the tenant's row-level security. Every change locks the
 * subscription, writes an audit event in the tenant's log and, when it takes effect, tells the
 * payment provider, in one transaction.
 */
@Injectable()
export class SubscriptionChanges {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    private readonly events: BillingEvents,
    private readonly webhooks: TenantWebhooks,
  ) {}

  upcoming(actor: TenantActor): Promise<UpcomingInvoiceModel> {
    return this.db.forTenant(actor).transaction(async (tx) => {
      const now = new Date();
      return upcomingInvoice(tx, await readSubscription(tx, actor.tenantId), now);
    });
  }

  preview(actor: TenantActor, input: SubscriptionChangeInput): Promise<SubscriptionChangePreviewModel> {
    return this.db.forTenant(actor).transaction(async (tx) => {
      const now = new Date();
      const subscription = await readSubscription(tx, actor.tenantId);
      const planned = await planMove(tx, subscription, await this.moveOf(tx, subscription, input), now);
      return previewChange(tx, subscription, planned, now);
    });
  }

  change(actor: TenantActor, input: SubscriptionChangeInput, idempotencyKey: string): Promise<TenantSubscriptionModel> {
    return this.db.forTenant(actor).transaction(async (tx) => {
      const now = new Date();
      const subscription = await lockSubscription(tx, actor.tenantId);
      const earlier = await this.earlierChange(tx, actor.tenantId, idempotencyKey);
      if (earlier) {
        const requested = input.planVersionId ?? earlier.fromPlanVersionId;
        const same =
          CHANGE_KINDS.has(earlier.kind) &&
          input.timing === ChangeTiming.NOW &&
          requested === earlier.toPlanVersionId &&
          (input.seatQuantity == null || input.seatQuantity === earlier.toSeatQuantity);
        if (!same) throw idempotencyKeyReused();
        return readTenantSubscription(tx, actor.tenantId, now);
      }
      const planned = await planMove(tx, subscription, await this.moveOf(tx, subscription, input), now);
      if (planned.timing === ChangeTiming.NOW) {
        const action = planned.versionChanged ? SubscriptionAction.planChanged : SubscriptionAction.seatsChanged;
        await this.takeEffect(tx, actor, subscription, planned, idempotencyKey, action);
      } else if (subscription.scheduledPlanVersionId !== planned.target.id || subscription.cancelAtPeriodEnd) {
        await scheduleChange(tx, subscription, planned, null);
        await this.recordAudit(tx, actor, subscription, SubscriptionAction.changeScheduled);
      }
      return readTenantSubscription(tx, actor.tenantId, now);
    });
  }

  /**
   * Moves the tenant onto the newest published version of the default plan: now, prorated like a
   * downgrade, or when the period ends. A tenant on the default plan has nothing to cancel.
   */
  cancel(actor: TenantActor, atPeriodEnd: boolean, idempotencyKey: string): Promise<TenantSubscriptionModel> {
    return this.db.forTenant(actor).transaction(async (tx) => {
      const now = new Date();
      const subscription = await lockSubscription(tx, actor.tenantId);
      const earlier = await this.earlierChange(tx, actor.tenantId, idempotencyKey);
      if (earlier) {
        if (earlier.kind !== 'CANCELED' || atPeriodEnd) throw idempotencyKeyReused();
        return readTenantSubscription(tx, actor.tenantId, now);
      }
      if (subscription.planVersion.plan.isDefault) throw alreadyOnDefaultPlan();
      const target = await defaultPlanVersion(tx);
      if (!target) throw noDefaultPlan();
      const move: MoveRequest = {
        target,
        seatQuantity: null,
        timing: atPeriodEnd ? ChangeTiming.PERIOD_END : ChangeTiming.NOW,
        effectiveAt: null,
        kind: 'CANCELED',
        mayStartTrial: false,
      };
      if (atPeriodEnd && subscription.cancelAtPeriodEnd && subscription.scheduledPlanVersionId === target.id) {
        return readTenantSubscription(tx, actor.tenantId, now);
      }
      const planned = await planMove(tx, subscription, move, now);
      if (atPeriodEnd) {
        await scheduleChange(tx, subscription, planned, { requestedAt: now });
        await this.recordAudit(tx, actor, subscription, SubscriptionAction.canceled);
      } else {
        await this.takeEffect(tx, actor, subscription, planned, idempotencyKey, SubscriptionAction.canceled);
      }
      return readTenantSubscription(tx, actor.tenantId, now);
    });
  }

  /** Drops a cancellation or change scheduled for the period's end: the subscription renews as it is. */
  resume(actor: TenantActor): Promise<TenantSubscriptionModel> {
    return this.db.forTenant(actor).transaction(async (tx) => {
      const subscription = await lockSubscription(tx, actor.tenantId);
      if (!subscription.scheduledPlanVersionId) throw nothingToResume();
      await clearScheduledChange(tx, subscription);
      await this.recordAudit(tx, actor, subscription, SubscriptionAction.resumed);
      return readTenantSubscription(tx, actor.tenantId);
    });
  }

  /** What a tenant's change input asks for, checked against what is on sale. */
  private async moveOf(tx: Tx, subscription: SubscriptionRow, input: SubscriptionChangeInput): Promise<MoveRequest> {
    if (input.planVersionId == null && input.seatQuantity == null) {
      throw nothingToChange(': send planVersionId, seatQuantity or both');
    }
    if (input.timing === ChangeTiming.PERIOD_END) {
      if (input.seatQuantity != null) throw seatsAtPeriodEnd();
      if (input.effectiveAt) throw effectiveAtNowOnly();
    }
    let target: MoveRequest['target'] = subscription.planVersion;
    if (input.planVersionId && input.planVersionId !== subscription.planVersionId) {
      const offered = await offeredVersion(tx, input.planVersionId);
      if (!offered) {
        const exists = await tx.planVersion.count({ where: { id: input.planVersionId } });
        throw exists ? planVersionNotAvailable() : planVersionNotFound();
      }
      target = offered;
    }
    return {
      target,
      seatQuantity: input.seatQuantity ?? null,
      timing: input.timing,
      effectiveAt: input.effectiveAt ?? null,
      mayStartTrial: true,
    };
  }

  private earlierChange(tx: Tx, tenantId: string, idempotencyKey: string): Promise<SubscriptionChangeModel | null> {
    return tx.subscriptionChange.findUnique({ where: { tenantId_idempotencyKey: { tenantId, idempotencyKey } } });
  }

  private async takeEffect(
    tx: Tx,
    actor: TenantActor,
    subscription: SubscriptionRow,
    planned: PlannedChange,
    idempotencyKey: string,
    action: string,
  ): Promise<void> {
    const change = await recordChange(tx, subscription, planned, { userId: actor.userId, idempotencyKey });
    await this.events.record(tx, actor.tenantId, { kind: 'subscription.changed', subscriptionChangeId: change.id });
    await this.webhooks.publish(tx, actor.tenantId, 'subscription.changed', await subscriptionChangedData(tx, change));
    await this.recordAudit(tx, actor, subscription, action);
  }

  /** Last in each unit of work: the audit chain lock then serialises only the commit. */
  private async recordAudit(tx: Tx, actor: TenantActor, before: SubscriptionRow, action: string): Promise<void> {
    const after = await tx.subscription.findUniqueOrThrow({ where: { tenantId: before.tenantId } });
    await this.audit.record(tx, actor, {
      action,
      targetType: SUBSCRIPTION_TARGET,
      targetId: before.id,
      before: subscriptionState(before),
      after: subscriptionState(after),
    });
  }
}
