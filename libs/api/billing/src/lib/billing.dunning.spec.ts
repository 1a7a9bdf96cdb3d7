import type { Actor } from '@warbler/api/core';
import {
  closeOwnerClient,
  draftInvoice,
  newMember,
  newTenant,
  ownerClient,
  signedInStaffAs,
  startTestApp,
  type TestApp,
} from '../testing';
import { BillingModule } from './billing.module';
import { BILLING_SYSTEM_EMAIL } from './dunning/billing-system-actor';
import { DunningJob } from './dunning/dunning-job';
import { InvoiceFinalization } from './finance/invoice-finalization';
import { InvoicePayments } from './finance/invoice-payments';
import { InvoiceVoiding } from './finance/invoice-voiding';
import { PaymentMethod } from './graphql/billing-enums';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Dunning with the local provider: times are controlled by moving due dates into the past. */
describe('dunning: past due, grace, suspension and back on payment', () => {
  let app: TestApp;
  let finance: Actor;
  let job: DunningJob;

  beforeAll(async () => {
    app = await startTestApp([BillingModule], { config: { billingGraceDays: 14 } });
    job = app.app.get(DunningJob);
    const { user } = await signedInStaffAs('FINANCE');
    finance = {
      userId: user.id,
      email: user.email,
      sessionId: 'dunning',
      staffRole: 'FINANCE',
      tenantId: null,
      tenantRole: null,
      membershipId: null,
      impersonatorUserId: null,
      mfaSatisfied: true,
      requestId: 'dunning',
      ip: null,
    };
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
  });

  /**
   * An issued invoice of 100.00 that fell due `daysAgo` days ago. An issued invoice is immutable even to
   * the table's owner, so its due date is moved with the owner's triggers off, as only a test may.
   */
  async function overdueInvoice(tenantId: string, daysAgo: number) {
    const invoice = await app.app.get(InvoiceFinalization).finalize(finance, (await draftInvoice(tenantId)).id);
    const dueAt = new Date(Date.now() - daysAgo * DAY_MS);
    await ownerClient().$transaction([
      ownerClient().$executeRaw`SET LOCAL session_replication_role = replica`,
      ownerClient()
        .$executeRaw`UPDATE invoices SET due_at = ${dueAt}, issued_at = ${new Date(dueAt.getTime() - 14 * DAY_MS)} WHERE id = ${invoice.id}::uuid`,
    ]);
    return { ...invoice, dueAt };
  }

  const pay = (invoiceId: string, amountMinor = 10_000n) =>
    app.app.get(InvoicePayments).record(finance, invoiceId, { amountMinor, method: PaymentMethod.BANK_TRANSFER });

  async function standing(tenantId: string) {
    const tenant = await ownerClient().tenant.findUniqueOrThrow({ where: { id: tenantId } });
    const subscription = await ownerClient().subscription.findUniqueOrThrow({ where: { tenantId } });
    return {
      pastDueSince: subscription.pastDueSince,
      status: tenant.status,
      suspendedAt: tenant.suspendedAt,
      suspensionReason: tenant.suspensionReason,
    };
  }

  const actions = async (tenantId: string) =>
    (await ownerClient().auditEvent.findMany({ where: { tenantId }, orderBy: { seq: 'asc' } })).map((e) => e.action);

  it('marks a subscription past due from its oldest overdue invoice, once, and tells its admins', async () => {
    const tenant = await newTenant({ name: 'Slow Payer' });
    const owner = await newMember(tenant.id, 'OWNER');
    const admin = await newMember(tenant.id, 'ADMIN');
    await newMember(tenant.id, 'MEMBER');
    const older = await overdueInvoice(tenant.id, 5);
    await overdueInvoice(tenant.id, 2);

    expect(await job.run(new Date(), tenant.id)).toEqual({ pastDue: 1, settled: 0, suspended: 0 });
    expect(await standing(tenant.id)).toEqual({
      pastDueSince: older.dueAt,
      status: 'ACTIVE',
      suspendedAt: null,
      suspensionReason: null,
    });
    const event = await ownerClient().auditEvent.findFirstOrThrow({
      where: { tenantId: tenant.id, action: 'subscription.past_due' },
    });
    expect(event).toMatchObject({
      actorEmail: BILLING_SYSTEM_EMAIL,
      targetType: 'Subscription',
      changes: {
        pastDueSince: { before: null, after: older.dueAt.toISOString() },
        cause: { before: null, after: 'INVOICE_OVERDUE' },
      },
    });
    const suspendOn = new Date(older.dueAt.getTime() + 14 * DAY_MS).toISOString().slice(0, 10);
    expect(await ownerClient().notification.findMany({ where: { tenantId: tenant.id } })).toEqual([
      expect.objectContaining({
        kind: 'billing.past_due',
        title: 'A payment of Slow Payer is overdue',
        body: expect.stringContaining(`Pay it before ${suspendOn}`),
        link: '/invoices',
      }),
    ]);
    const mails = await ownerClient().outboxEmail.findMany({ where: { tenantId: tenant.id } });
    expect(mails.map((mail) => mail.toEmail).sort()).toEqual([owner.user.email, admin.user.email].sort());

    expect(await job.run(new Date(), tenant.id)).toEqual({ pastDue: 0, settled: 0, suspended: 0 });
    expect(await actions(tenant.id)).toHaveLength(3);
  });

  it('suspends the tenant once the grace period has run out, not before', async () => {
    const tenant = await newTenant({ name: 'Gone Quiet' });
    const invoice = await overdueInvoice(tenant.id, 3);
    await job.run(new Date(), tenant.id);

    const lastDayOfGrace = new Date(invoice.dueAt.getTime() + 14 * DAY_MS - 60_000);
    expect(await job.run(lastDayOfGrace, tenant.id)).toEqual({ pastDue: 0, settled: 0, suspended: 0 });
    expect((await standing(tenant.id)).status).toBe('ACTIVE');

    const graceOver = new Date(invoice.dueAt.getTime() + 14 * DAY_MS);
    expect(await job.run(graceOver, tenant.id)).toEqual({ pastDue: 0, settled: 0, suspended: 1 });
    expect(await standing(tenant.id)).toEqual({
      pastDueSince: invoice.dueAt,
      status: 'SUSPENDED',
      suspendedAt: graceOver,
      suspensionReason: 'PAYMENT_OVERDUE',
    });
    expect(await actions(tenant.id)).toEqual(['invoice.finalized', 'subscription.past_due', 'tenant.suspended']);
    expect(
      await ownerClient().notification.findFirst({ where: { tenantId: tenant.id, kind: 'billing.suspended' } }),
    ).toMatchObject({ title: 'Gone Quiet is suspended for non-payment' });
    expect(await job.run(new Date(graceOver.getTime() + DAY_MS), tenant.id)).toEqual({
      pastDue: 0,
      settled: 0,
      suspended: 0,
    });
  });

  it('clears past due and reactivates the tenant when the overdue invoices are paid, not before', async () => {
    const tenant = await newTenant();
    const first = await overdueInvoice(tenant.id, 20);
    const second = await overdueInvoice(tenant.id, 18);
    await job.run(new Date(), tenant.id);
    expect((await standing(tenant.id)).status).toBe('SUSPENDED');

    await pay(first.id);
    await pay(second.id, 4_000n);
    expect(await standing(tenant.id)).toMatchObject({ pastDueSince: first.dueAt, status: 'SUSPENDED' });

    await pay(second.id, 6_000n);
    expect(await standing(tenant.id)).toEqual({
      pastDueSince: null,
      status: 'ACTIVE',
      suspendedAt: null,
      suspensionReason: null,
    });
    expect((await actions(tenant.id)).slice(-5)).toEqual([
      'invoice.payment_recorded',
      'invoice.payment_recorded',
      'invoice.payment_recorded',
      'subscription.past_due_cleared',
      'tenant.reactivated',
    ]);
    expect(
      await ownerClient().notification.findFirst({ where: { tenantId: tenant.id, kind: 'billing.reactivated' } }),
    ).toBeTruthy();
  });

  it('never lifts a suspension a staff member decided for another reason', async () => {
    const tenant = await newTenant();
    const invoice = await overdueInvoice(tenant.id, 1);
    await job.run(new Date(), tenant.id);
    const suspendedAt = new Date();
    await ownerClient().tenant.update({
      where: { id: tenant.id },
      data: { status: 'SUSPENDED', suspendedAt, suspensionReason: 'Terms of service breach' },
    });

    await pay(invoice.id);
    expect(await standing(tenant.id)).toEqual({
      pastDueSince: null,
      status: 'SUSPENDED',
      suspendedAt,
      suspensionReason: 'Terms of service breach',
    });
    expect(await job.run(new Date(), tenant.id)).toEqual({ pastDue: 0, settled: 0, suspended: 0 });
  });

  it('settles in its own round what was settled elsewhere (here, the overdue invoice voided)', async () => {
    const tenant = await newTenant();
    const invoice = await overdueInvoice(tenant.id, 30);
    await job.run(new Date(), tenant.id);
    expect((await standing(tenant.id)).status).toBe('SUSPENDED');

    await app.app.get(InvoiceVoiding).void(finance, invoice.id, 'billed in error');
    expect(await job.run(new Date(), tenant.id)).toEqual({ pastDue: 0, settled: 1, suspended: 0 });
    expect(await standing(tenant.id)).toMatchObject({ pastDueSince: null, status: 'ACTIVE' });
  });

  it('keeps tenants apart: one tenant’s overdue invoice changes nothing of another', async () => {
    const late = await newTenant();
    const onTime = await newTenant();
    await overdueInvoice(late.id, 40);
    await app.app.get(InvoiceFinalization).finalize(finance, (await draftInvoice(onTime.id)).id);
    const before = { standing: await standing(onTime.id), actions: await actions(onTime.id) };

    await job.run(new Date(), late.id);
    await job.run(new Date(), onTime.id);

    expect((await standing(late.id)).status).toBe('SUSPENDED');
    expect({ standing: await standing(onTime.id), actions: await actions(onTime.id) }).toEqual(before);
    expect(await ownerClient().notification.count({ where: { tenantId: onTime.id } })).toBe(0);
  });
});
