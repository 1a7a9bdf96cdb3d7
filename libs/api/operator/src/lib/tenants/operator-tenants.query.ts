import { Injectable } from '@nestjs/common';
import { notFound, PlatformDatabase } from '@warbler/api/core';
import type {
  OperatorAuditEventModel,
  OperatorInvoiceModel,
  OperatorMetricUsageModel,
  OperatorSubscriptionModel,
  OperatorSupportSessionModel,
  OperatorTenantConnection,
  OperatorTenantDetailModel,
  OperatorTenantModel,
} from '../graphql/operator-tenant.model';
import type { OperatorTenantsArgs } from '../graphql/operator.inputs';
import { decodeTenantCursor, encodeTenantCursor } from './tenant-cursor';
import { type TenantListCriteria, type TenantListRow, tenantListSql } from './tenant-list.sql';

/** suspension_reason of a tenant that dunning suspended (see the billing domain's dunning). */
export const PAYMENT_OVERDUE = 'PAYMENT_OVERDUE';

const RECENT_INVOICES = 12;
const RECENT_AUDIT_EVENTS = 20;
const RECENT_SUPPORT_SESSIONS = 10;

export const tenantNotFound = () => notFound('Tenant');

function toTenant(row: TenantListRow): OperatorTenantModel {
  return { ...row, suspendedForNonPayment: row.suspensionReason === PAYMENT_OVERDUE };
}

/**
 * Every tenant, read across tenants with the platform client: callers are resolvers behind a staff
 * permission (`readAcrossTenants` on Tenant), never a tenant's own request.
 */
@Injectable()
export class OperatorTenants {
  constructor(private readonly platform: PlatformDatabase) {}

  async page({ first, after, search, filter }: OperatorTenantsArgs): Promise<OperatorTenantConnection> {
    const cursor = after ? decodeTenantCursor(after) : null;
    const criteria: TenantListCriteria = { search, ...filter };
    // One more than asked tells whether another page exists without counting.
    const rows = await this.platform.client.$queryRaw<TenantListRow[]>(tenantListSql(criteria, cursor, first + 1));
    const edges = rows.slice(0, first).map((row) => ({ cursor: encodeTenantCursor(row), node: toTenant(row) }));
    return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  async one(tenantId: string): Promise<OperatorTenantModel> {
    const [row] = await this.platform.client.$queryRaw<TenantListRow[]>(tenantListSql({ tenantId }, null, 1));
    if (!row) throw tenantNotFound();
    return toTenant(row);
  }

  async detail(tenantId: string): Promise<OperatorTenantDetailModel> {
    const client = this.platform.client;
    const tenant = await this.one(tenantId);
    const [owners, subscription, invoices, auditEvents, supportSessions] = await Promise.all([
      client.membership.findMany({
        where: { tenantId, role: 'OWNER', status: 'ACTIVE' },
        select: { user: { select: { email: true } } },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      }),
      client.subscription.findUnique({
        where: { tenantId },
        include: { planVersion: { include: { plan: true } } },
      }),
      client.invoice.findMany({
        where: { tenantId },
        orderBy: [{ periodStart: 'desc' }, { id: 'desc' }],
        take: RECENT_INVOICES,
      }),
      client.auditEvent.findMany({ where: { tenantId }, orderBy: { seq: 'desc' }, take: RECENT_AUDIT_EVENTS }),
      this.supportSessions(tenantId),
    ]);
    const usage = subscription
      ? await this.usage(tenantId, subscription.planVersionId, subscription.currentPeriodStart)
      : [];
    return {
      tenant,
      ownerEmails: owners.map((owner) => owner.user.email),
      subscription: subscription
        ? ({
            planVersionId: subscription.planVersionId,
            planCode: subscription.planVersion.plan.code,
            planName: subscription.planVersion.plan.name,
            planVersion: subscription.planVersion.version,
            currency: subscription.planVersion.currency,
            interval: subscription.planVersion.interval,
            currentPeriodStart: subscription.currentPeriodStart,
            currentPeriodEnd: subscription.currentPeriodEnd,
            trialEndsAt: subscription.trialEndsAt,
            pastDueSince: subscription.pastDueSince,
            cancelAtPeriodEnd: subscription.cancelAtPeriodEnd,
            seatsPaid: subscription.seatQuantity,
            seatsUsed: tenant.seatsUsed,
            maxSeats: subscription.planVersion.maxSeats,
            includedSeats: subscription.planVersion.includedSeats,
          } satisfies OperatorSubscriptionModel)
        : null,
      usage,
      invoices: invoices.map(
        (invoice): OperatorInvoiceModel => ({
          id: invoice.id,
          number: invoice.number,
          status: invoice.status,
          periodStart: invoice.periodStart,
          periodEnd: invoice.periodEnd,
          currency: invoice.currency,
          totalMinor: invoice.totalMinor.toString(),
          // Only an issued, unsettled invoice asks for money; a draft is not owed yet.
          amountDueMinor: (invoice.status === 'OPEN'
            ? invoice.totalMinor - invoice.amountPaidMinor - invoice.amountCreditedMinor
            : 0n
          ).toString(),
          issuedAt: invoice.issuedAt,
          dueAt: invoice.dueAt,
        }),
      ),
      auditEvents: auditEvents.map(
        (event): OperatorAuditEventModel => ({
          id: event.id,
          occurredAt: event.occurredAt,
          actorEmail: event.actorEmail,
          impersonatorUserId: event.impersonatorUserId,
          action: event.action,
          targetType: event.targetType,
          targetId: event.targetId,
          changes: event.changes,
        }),
      ),
      supportSessions,
    };
  }

  private async supportSessions(tenantId: string): Promise<OperatorSupportSessionModel[]> {
    const sessions = await this.platform.client.supportSession.findMany({
      where: { tenantId },
      orderBy: [{ requestedAt: 'desc' }, { id: 'desc' }],
      take: RECENT_SUPPORT_SESSIONS,
      include: { viewedAs: { select: { user: { select: { email: true } } } } },
    });
    const staff = await this.platform.client.user.findMany({
      where: { id: { in: [...new Set(sessions.map((session) => session.staffUserId))] } },
      select: { id: true, email: true },
    });
    const emailOf = new Map(staff.map((user) => [user.id, user.email]));
    return sessions.map((session) => ({
      id: session.id,
      staffEmail: emailOf.get(session.staffUserId) ?? null,
      viewedAsEmail: session.viewedAs.user.email,
      reason: session.reason,
      ticketReference: session.ticketReference,
      mode: session.mode,
      status: session.status,
      requestedAt: session.requestedAt,
      startedAt: session.startedAt,
      expiresAt: session.expiresAt,
      endedAt: session.endedAt,
      endedHow: session.endedHow,
    }));
  }

  /** The plan version's quotas and whatever else was metered this period, quotas first. */
  private async usage(tenantId: string, planVersionId: string, periodStart: Date): Promise<OperatorMetricUsageModel[]> {
    const [quotas, totals] = await Promise.all([
      this.platform.client.planQuota.findMany({ where: { planVersionId }, include: { metric: true } }),
      this.platform.client.usagePeriodTotal.findMany({ where: { tenantId, periodStart }, include: { metric: true } }),
    ]);
    const totalOf = new Map(totals.map((total) => [total.metricId, total]));
    const limited = quotas.map((quota): OperatorMetricUsageModel => {
      const used = totalOf.get(quota.metricId)?.value;
      const over = used
        ? used.gt(quota.periodLimit) || (quota.enforcement === 'HARD' && used.gte(quota.periodLimit))
        : false;
      return {
        metricCode: quota.metric.code,
        metricName: quota.metric.name,
        unit: quota.metric.unit,
        used: used?.toString() ?? '0',
        limit: quota.periodLimit.toString(),
        enforcement: quota.enforcement,
        overQuota: over,
      };
    });
    const limitedMetrics = new Set(quotas.map((quota) => quota.metricId));
    const unlimited = totals
      .filter((total) => !limitedMetrics.has(total.metricId))
      .map(
        (total): OperatorMetricUsageModel => ({
          metricCode: total.metric.code,
          metricName: total.metric.name,
          unit: total.metric.unit,
          used: total.value.toString(),
          limit: null,
          enforcement: null,
          overQuota: false,
        }),
      );
    const byCode = (a: OperatorMetricUsageModel, b: OperatorMetricUsageModel) =>
      a.metricCode.localeCompare(b.metricCode);
    return [...limited.sort(byCode), ...unlimited.sort(byCode)];
  }
}
