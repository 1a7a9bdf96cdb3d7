import { Inject, Injectable } from '@nestjs/common';
import { AuditLog } from '@warbler/api/audit';
import { APP_CONFIG, type AppConfig, type Prisma } from '@warbler/api/core';
import { TenantNotifications } from '@warbler/api/notifications';
import { BillingSystemActor } from './billing-system-actor';
import { day, DunningAction, INVOICES_LINK, type PastDueCause } from './dunning-audit';
import { TenantSuspensions } from './tenant-suspensions';

const DAY_MS = 24 * 60 * 60 * 1000;
const SUBSCRIPTION_TARGET = 'Subscription';

const CAUSES: Record<PastDueCause, string> = {
  INVOICE_OVERDUE: 'is unpaid past its due date',
  PAYMENT_FAILED: 'could not be charged to the card on file',
};

interface LockedSubscription {
  id: string;
  past_due_since: Date | null;
}

/**
 * subscriptions.past_due_since: set when an issued invoice goes unpaid past its due date (local
 * provider and Stripe alike) or when Stripe reports a failed charge; the grace period before suspension
 * runs from it. It is cleared once nothing owed from before it remains: no open invoice is overdue and
 * none issued by then is still open. Both run in the caller's transaction, with the subscription row
 * locked, so a payment and the dunning job deciding at once see each other's result.
 */
@Injectable()
export class PastDue {
  constructor(
    private readonly audit: AuditLog,
    private readonly notifications: TenantNotifications,
    private readonly system: BillingSystemActor,
    private readonly suspensions: TenantSuspensions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Marks the tenant's subscription past due from `since`; true when it was not past due before. */
  async mark(
    tx: Prisma.TransactionClient,
    tenantId: string,
    since: Date,
    cause: PastDueCause,
    requestId: string,
  ): Promise<boolean> {
    const subscription = await lockSubscription(tx, tenantId);
    if (!subscription) return false;
    const where = { tenantId_id: { tenantId, id: subscription.id } };
    if (subscription.past_due_since) {
      // Already past due: the grace period keeps running from the earliest cause.
      if (since < subscription.past_due_since) await tx.subscription.update({ where, data: { pastDueSince: since } });
      return false;
    }
    await tx.subscription.update({ where, data: { pastDueSince: since } });
    const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { name: true } });
    const suspendOn = new Date(since.getTime() + this.config.billingGraceDays * DAY_MS);
    await this.notifications.notifyAdmins(tx, tenantId, {
      kind: 'billing.past_due',
      title: `A payment of ${tenant.name} is overdue`,
      body:
        `An invoice of ${tenant.name} ${CAUSES[cause]}. Pay it before ${day(suspendOn)}: after that ${tenant.name} ` +
        `is suspended, the console becomes read-only and usage reports are refused until it is paid.`,
      link: INVOICES_LINK,
      dedupeKey: `billing:past-due:${since.toISOString()}`,
    });
    await this.audit.record(tx, await this.system.in(tenantId, requestId), {
      action: DunningAction.pastDue,
      targetType: SUBSCRIPTION_TARGET,
      targetId: subscription.id,
      before: { pastDueSince: null },
      after: { pastDueSince: since, cause },
    });
    return true;
  }

  /**
   * Clears past due when nothing owed from before it remains, and then lifts a suspension for
   * non-payment. Called wherever an invoice gets settled (a payment, Stripe's invoice.paid, a credit
   * note) and by the dunning job; true when it changed anything.
   */
  async settle(tx: Prisma.TransactionClient, tenantId: string, now: Date, requestId: string): Promise<boolean> {
    const subscription = await lockSubscription(tx, tenantId);
    if (!subscription) return false;
    let cleared = false;
    if (subscription.past_due_since) {
      const stillOwed = await tx.invoice.count({
        where: {
          tenantId,
          status: 'OPEN',
          OR: [{ dueAt: { lt: now } }, { issuedAt: { lte: subscription.past_due_since } }],
        },
      });
      if (stillOwed > 0) return false;
      await tx.subscription.update({
        where: { tenantId_id: { tenantId, id: subscription.id } },
        data: { pastDueSince: null },
      });
      await this.audit.record(tx, await this.system.in(tenantId, requestId), {
        action: DunningAction.pastDueCleared,
        targetType: SUBSCRIPTION_TARGET,
        targetId: subscription.id,
        before: { pastDueSince: subscription.past_due_since },
        after: { pastDueSince: null },
      });
      cleared = true;
    }
    const reactivated = await this.suspensions.liftPaymentSuspension(tx, tenantId, requestId);
    return cleared || reactivated;
  }

  /** Suspends the tenant if its subscription is still past due since `graceEnd` or earlier. */
  async suspendIfGraceOver(
    tx: Prisma.TransactionClient,
    tenantId: string,
    graceEnd: Date,
    now: Date,
    requestId: string,
  ): Promise<boolean> {
    const subscription = await lockSubscription(tx, tenantId);
    const since = subscription?.past_due_since;
    if (!since || since > graceEnd) return false;
    return this.suspensions.suspendForNonPayment(tx, tenantId, since, now, requestId);
  }
}

async function lockSubscription(tx: Prisma.TransactionClient, tenantId: string): Promise<LockedSubscription | null> {
  const [row] = await tx.$queryRaw<LockedSubscription[]>`
    SELECT id, past_due_since FROM subscriptions WHERE tenant_id = ${tenantId}::uuid FOR UPDATE`;
  return row ?? null;
}
