import { randomInt, randomUUID } from 'node:crypto';
import {
  type Caller,
  dataOf,
  graphql,
  outcome,
  startTestApp,
  type TestApp,
  signedInStaffAs,
} from '@warbler/api/access/testing';
import { closeOwnerClient, newMember, newTenant, ownerClient } from '@warbler/api/core/testing';
import { marker, OperatorOps as Ops } from '../testing';
import { OperatorModule } from './operator.module';

interface Detail {
  operatorTenant: {
    tenant: { id: string; name: string; seatsUsed: number; seatsPaid: number };
    ownerEmails: string[];
    subscription: { planCode: string; planVersion: number; seatsPaid: number; seatsUsed: number; maxSeats: number };
    usage: { metricCode: string; used: string; limit: string | null; enforcement: string | null; overQuota: boolean }[];
    invoices: { id: string; number: string | null; status: string; totalMinor: string; amountDueMinor: string }[];
    auditEvents: { action: string; actorEmail: string | null; targetId: string | null }[];
    supportSessions: {
      staffEmail: string;
      viewedAsEmail: string;
      reason: string;
      ticketReference: string;
      mode: string;
    }[];
  };
}

describe('the operator tenant detail', () => {
  let app: TestApp;
  let support: Caller;

  beforeAll(async () => {
    app = await startTestApp([OperatorModule]);
    support = (await signedInStaffAs('SUPPORT')).caller;
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
  });

  it('shows the plan, seats, usage against quotas, invoices, audit and support sessions of that tenant only', async () => {
    const db = ownerClient();
    const tenant = await newTenant({ name: `Detail ${marker()}`, seatLimit: 25 });
    const other = await newTenant({ name: `Other ${marker()}` });
    const owner = await newMember(tenant.id, 'OWNER', { seatAssigned: true });
    await newMember(tenant.id, 'MEMBER', { seatAssigned: true });
    await newMember(tenant.id, 'MEMBER');
    await newMember(other.id, 'OWNER', { seatAssigned: true });
    const subscription = await db.subscription.update({ where: { tenantId: tenant.id }, data: { seatQuantity: 5 } });

    const limited = await db.billableMetric.create({
      data: { id: randomUUID(), code: marker('a_'), name: 'Messages', unit: 'message', aggregation: 'SUM' },
    });
    const unlimited = await db.billableMetric.create({
      data: { id: randomUUID(), code: marker('b_'), name: 'Storage', unit: 'GB', aggregation: 'MAX' },
    });
    await db.planQuota.create({
      data: { planVersionId: tenant.planVersionId, metricId: limited.id, periodLimit: 1000, enforcement: 'SOFT' },
    });
    const period = { periodStart: subscription.currentPeriodStart, periodEnd: subscription.currentPeriodEnd };
    await db.usagePeriodTotal.createMany({
      data: [
        { tenantId: tenant.id, metricId: limited.id, ...period, value: '1250.5', eventCount: 3n },
        { tenantId: tenant.id, metricId: unlimited.id, ...period, value: 7, eventCount: 1n },
        { tenantId: other.id, metricId: limited.id, ...period, value: 99, eventCount: 1n },
      ],
    });

    const invoice = await db.invoice.create({
      data: {
        tenantId: tenant.id,
        id: randomUUID(),
        subscriptionId: subscription.id,
        planVersionId: tenant.planVersionId,
        periodStart: new Date(subscription.currentPeriodStart.getTime() - 30 * 86_400_000),
        periodEnd: subscription.currentPeriodStart,
        currency: 'USD',
        status: 'OPEN',
        number: `WB-2099-${randomInt(100_000, 1_000_000)}`,
        subtotalMinor: 10_000n,
        taxMinor: 0n,
        totalMinor: 10_000n,
        amountPaidMinor: 2_500n,
        issuedAt: new Date(),
        dueAt: new Date(Date.now() + 14 * 86_400_000),
      },
    });

    const staff = await signedInStaffAs('SUPPORT');
    await db.supportSession.create({
      data: {
        tenantId: tenant.id,
        id: randomUUID(),
        staffUserId: staff.user.id,
        staffSessionId: randomUUID(),
        viewedAsUserId: owner.user.id,
        viewedAsMembershipId: owner.membership.id,
        reason: 'Customer cannot invite a member',
        ticketReference: 'SUP-42',
        status: 'ACTIVE',
        durationMinutes: 30,
        startedAt: new Date(),
        expiresAt: new Date(Date.now() + 30 * 60_000),
      },
    });
    const suspendedBy = await signedInStaffAs('PLATFORM_ADMIN');
    dataOf(
      await graphql(app, suspendedBy.caller, Ops.suspendTenant, { input: { tenantId: tenant.id, reason: 'audit me' } }),
    );

    const { operatorTenant: detail } = dataOf(
      await graphql<Detail>(app, support, Ops.operatorTenant, { id: tenant.id }),
    );

    expect(detail.tenant).toMatchObject({ id: tenant.id, seatsUsed: 2, seatsPaid: 5 });
    expect(detail.ownerEmails).toEqual([owner.user.email]);
    expect(detail.subscription).toMatchObject({ planVersion: 1, seatsPaid: 5, seatsUsed: 2, maxSeats: 25 });
    expect(detail.usage).toEqual([
      {
        metricCode: limited.code,
        metricName: 'Messages',
        unit: 'message',
        used: '1250.5',
        limit: '1000',
        enforcement: 'SOFT',
        overQuota: true,
      },
      {
        metricCode: unlimited.code,
        metricName: 'Storage',
        unit: 'GB',
        used: '7',
        limit: null,
        enforcement: null,
        overQuota: false,
      },
    ]);
    expect(detail.invoices).toEqual([
      {
        id: invoice.id,
        number: invoice.number,
        status: 'OPEN',
        totalMinor: '10000',
        amountDueMinor: '7500',
        currency: 'USD',
        periodStart: invoice.periodStart.toISOString(),
      },
    ]);
    expect(detail.auditEvents).toEqual([
      expect.objectContaining({ action: 'tenant.suspended', actorEmail: suspendedBy.user.email, targetId: tenant.id }),
    ]);
    expect(detail.supportSessions).toEqual([
      expect.objectContaining({
        staffEmail: staff.user.email,
        viewedAsEmail: owner.user.email,
        reason: 'Customer cannot invite a member',
        ticketReference: 'SUP-42',
        mode: 'READ_ONLY',
      }),
    ]);
  });

  it('answers NOT_FOUND for a tenant that does not exist', async () => {
    expect(outcome(await graphql(app, support, Ops.operatorTenant, { id: randomUUID() }))).toBe('NOT_FOUND');
  });
});
