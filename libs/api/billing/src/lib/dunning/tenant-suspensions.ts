import { Injectable } from '@nestjs/common';
import { AuditLog } from '@warbler/api/audit';
import type { Prisma } from '@warbler/api/core';
import { TenantNotifications } from '@warbler/api/notifications';
import { BillingSystemActor } from './billing-system-actor';
import { day, DunningAction, INVOICES_LINK, PAYMENT_OVERDUE } from './dunning-audit';

const TENANT_TARGET = 'Tenant';

/**
 * Suspension for non-payment and its end. A suspended tenant keeps reading but changes nothing and
 * reports no usage (the access guard and the API-key check refuse it). Only a suspension for
 * PAYMENT_OVERDUE is lifted by payment; one a staff member decided for another reason stays.
 */
@Injectable()
export class TenantSuspensions {
  constructor(
    private readonly audit: AuditLog,
    private readonly notifications: TenantNotifications,
    private readonly system: BillingSystemActor,
  ) {}

  /** Suspends an active tenant whose grace period ran out; false if it was suspended already. */
  async suspendForNonPayment(
    tx: Prisma.TransactionClient,
    tenantId: string,
    pastDueSince: Date,
    now: Date,
    requestId: string,
  ): Promise<boolean> {
    const { count } = await tx.tenant.updateMany({
      where: { id: tenantId, status: 'ACTIVE' },
      data: { status: 'SUSPENDED', suspendedAt: now, suspensionReason: PAYMENT_OVERDUE },
    });
    if (count === 0) return false;
    const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { name: true } });
    await this.notifications.notifyAdmins(tx, tenantId, {
      kind: 'billing.suspended',
      title: `${tenant.name} is suspended for non-payment`,
      body:
        `An invoice of ${tenant.name} has been unpaid since ${day(pastDueSince)}. The console is read-only and usage ` +
        `reports are refused until the overdue invoices are paid; access comes back as soon as they are.`,
      link: INVOICES_LINK,
      dedupeKey: `billing:suspended:${now.toISOString()}`,
    });
    await this.audit.record(tx, await this.system.in(tenantId, requestId), {
      action: DunningAction.suspended,
      targetType: TENANT_TARGET,
      targetId: tenantId,
      before: { status: 'ACTIVE', suspendedAt: null, suspensionReason: null },
      after: { status: 'SUSPENDED', suspendedAt: now, suspensionReason: PAYMENT_OVERDUE },
    });
    return true;
  }

  /** Reactivates a tenant suspended for PAYMENT_OVERDUE; false for any other tenant. */
  async liftPaymentSuspension(tx: Prisma.TransactionClient, tenantId: string, requestId: string): Promise<boolean> {
    const tenant = await tx.tenant.findUnique({
      where: { id: tenantId },
      select: { name: true, status: true, suspendedAt: true, suspensionReason: true },
    });
    if (!tenant?.suspendedAt || tenant.status !== 'SUSPENDED' || tenant.suspensionReason !== PAYMENT_OVERDUE) {
      return false;
    }
    const { count } = await tx.tenant.updateMany({
      where: { id: tenantId, status: 'SUSPENDED', suspensionReason: PAYMENT_OVERDUE },
      data: { status: 'ACTIVE', suspendedAt: null, suspensionReason: null },
    });
    if (count === 0) return false;
    await this.notifications.notifyAdmins(tx, tenantId, {
      kind: 'billing.reactivated',
      title: `${tenant.name} is active again`,
      body: `The overdue invoices of ${tenant.name} are paid: the console and usage reports work again.`,
      link: INVOICES_LINK,
      dedupeKey: `billing:reactivated:${tenant.suspendedAt.toISOString()}`,
    });
    await this.audit.record(tx, await this.system.in(tenantId, requestId), {
      action: DunningAction.reactivated,
      targetType: TENANT_TARGET,
      targetId: tenantId,
      before: { status: 'SUSPENDED', suspendedAt: tenant.suspendedAt, suspensionReason: PAYMENT_OVERDUE },
      after: { status: 'ACTIVE', suspendedAt: null, suspensionReason: null },
    });
    return true;
  }
}
