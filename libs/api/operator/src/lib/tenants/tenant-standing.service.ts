import { Injectable } from '@nestjs/common';
import { AuditLog, type AuditActor } from '@warbler/api/audit';
import { type Actor, badInput, conflict, PlatformDatabase, type Prisma } from '@warbler/api/core';
import { TenantNotifications } from '@warbler/api/notifications';
import type { OperatorTenantModel } from '../graphql/operator-tenant.model';
import { OperatorTenants, PAYMENT_OVERDUE, tenantNotFound } from './operator-tenants.query';

/** The same actions dunning records, so a tenant's log reads alike whoever suspended it. */
export const TenantStandingAction = { suspended: 'tenant.suspended', reactivated: 'tenant.reactivated' } as const;

const TENANT_TARGET = 'Tenant';
const SETTINGS_LINK = '/settings';

/**
 * Suspension and reactivation by a platform admin. The storage is dunning's: status SUSPENDED with
 * suspended_at and suspension_reason, here the staff member's reason, so payment (which lifts only a
 * PAYMENT_OVERDUE suspension) never lifts it and the access guard refuses the tenant's changes at once.
 * A suspension for non-payment is not reactivated here: it ends when the overdue invoices are paid.
 */
@Injectable()
export class TenantStanding {
  constructor(
    private readonly platform: PlatformDatabase,
    private readonly audit: AuditLog,
    private readonly notifications: TenantNotifications,
    private readonly tenants: OperatorTenants,
  ) {}

  async suspend(actor: Actor, tenantId: string, reason: string): Promise<OperatorTenantModel> {
    if (reason === PAYMENT_OVERDUE) {
      throw badInput(`${PAYMENT_OVERDUE} is the reason dunning gives; say why in words`, 'RESERVED_REASON');
    }
    await this.platform.client.$transaction(async (tx) => {
      const now = new Date();
      const { count } = await tx.tenant.updateMany({
        where: { id: tenantId, status: 'ACTIVE' },
        data: { status: 'SUSPENDED', suspendedAt: now, suspensionReason: reason },
      });
      if (count === 0) {
        await this.standing(tx, tenantId);
        throw conflict('This tenant is suspended already', 'TENANT_ALREADY_SUSPENDED');
      }
      const { name } = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { name: true } });
      await this.notifications.notifyAdmins(tx, tenantId, {
        kind: 'tenant.suspended',
        title: `${name} is suspended`,
        body: `The operator suspended ${name}: ${reason}. Everything can still be read, but changes are refused until it is reactivated; contact support.`,
        link: SETTINGS_LINK,
        dedupeKey: `operator:suspended:${now.toISOString()}`,
      });
      await this.audit.record(tx, auditActor(actor, tenantId), {
        action: TenantStandingAction.suspended,
        targetType: TENANT_TARGET,
        targetId: tenantId,
        before: { status: 'ACTIVE', suspendedAt: null, suspensionReason: null },
        after: { status: 'SUSPENDED', suspendedAt: now, suspensionReason: reason },
      });
    });
    return this.tenants.one(tenantId);
  }

  async reactivate(actor: Actor, tenantId: string, reason: string): Promise<OperatorTenantModel> {
    await this.platform.client.$transaction(async (tx) => {
      const tenant = await this.standing(tx, tenantId);
      if (tenant.status !== 'SUSPENDED') throw conflict('This tenant is not suspended', 'TENANT_NOT_SUSPENDED');
      if (tenant.suspensionReason === PAYMENT_OVERDUE) {
        throw conflict(
          'This tenant is suspended for non-payment: it is reactivated when its overdue invoices are paid ' +
            '(finance can record a payment)',
          'SUSPENDED_FOR_NON_PAYMENT',
        );
      }
      // Only the suspension read above is lifted: one that changed since is decided again.
      const { count } = await tx.tenant.updateMany({
        where: { id: tenantId, status: 'SUSPENDED', suspendedAt: tenant.suspendedAt },
        data: { status: 'ACTIVE', suspendedAt: null, suspensionReason: null },
      });
      if (count === 0) throw conflict('This tenant changed meanwhile; look again', 'TENANT_CHANGED');
      await this.notifications.notifyAdmins(tx, tenantId, {
        kind: 'tenant.reactivated',
        title: `${tenant.name} is active again`,
        body: `The operator reactivated ${tenant.name}: changes are accepted again.`,
        link: SETTINGS_LINK,
        dedupeKey: `operator:reactivated:${tenant.suspendedAt?.toISOString() ?? 'never'}`,
      });
      await this.audit.record(tx, auditActor(actor, tenantId), {
        action: TenantStandingAction.reactivated,
        targetType: TENANT_TARGET,
        targetId: tenantId,
        before: {
          status: 'SUSPENDED',
          suspendedAt: tenant.suspendedAt,
          suspensionReason: tenant.suspensionReason,
          reactivationReason: null,
        },
        after: { status: 'ACTIVE', suspendedAt: null, suspensionReason: null, reactivationReason: reason },
      });
    });
    return this.tenants.one(tenantId);
  }

  private async standing(tx: Prisma.TransactionClient, tenantId: string) {
    const tenant = await tx.tenant.findUnique({
      where: { id: tenantId },
      select: { name: true, status: true, suspendedAt: true, suspensionReason: true },
    });
    if (!tenant) throw tenantNotFound();
    return tenant;
  }
}

/** The staff member, recorded in the tenant's own log; staff act in no tenant of their own. */
function auditActor(actor: Actor, tenantId: string): AuditActor {
  return {
    tenantId,
    userId: actor.userId,
    email: actor.email,
    impersonatorUserId: actor.impersonatorUserId,
    requestId: actor.requestId,
    ip: actor.ip,
  };
}
