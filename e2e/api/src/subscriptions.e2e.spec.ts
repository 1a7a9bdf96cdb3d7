import { randomUUID } from 'node:crypto';
import { bearerFor, signedInStaffAs } from '@warbler/api/access/testing';
import { BillingOps, offeredPlan, subscriptionOn, SubscriptionOps } from '@warbler/api/billing/testing';
import { SubscriptionPeriods } from '@warbler/api/catalog';
import { closeOwnerClient, newMember, newTenant, ownerClient } from '@warbler/api/core/testing';
import { graphql, type GraphqlResult } from './support/http';
import { startApp, type StartedApp } from './support/started-app';

interface Line {
  kind: string;
  description: string;
  amountMinor: string;
}

const summary = (lines: Line[]) => lines.map((line) => [line.kind, line.description, line.amountMinor]);

function dataOf<T>(result: GraphqlResult<T>): T {
  if (result.errors?.length || !result.data) throw new Error(`GraphQL answered ${JSON.stringify(result.errors)}`);
  return result.data;
}

/**
 * A tenant owner's plan and seats over HTTP, through the real app: the seat limit is the seats paid
 * for, buying one more is previewed and prorated, an upgrade is previewed and confirmed, the
 * upcoming invoice shows exactly the previewed figures, and so does the invoice drafted when the
 * period closes.
 */
describe('subscriptions end to end', () => {
  let started: StartedApp;
  let owner: Record<string, string>;
  let tenantId: string;
  let waitingMemberId: string;
  let team: string;
  let business: string;
  const at = new Date(Math.floor(Date.now() / 1000) * 1000 - 2000);
  // A 3-minute period with `at` a minute in: 2/3 of it remain.
  const period = { start: new Date(at.getTime() - 60_000), end: new Date(at.getTime() + 120_000) };

  beforeAll(async () => {
    started = await startApp();
    team = (
      await offeredPlan({ name: 'Team', baseFeeMinor: 4900n, seatUnitPrice: '8', includedSeats: 1, maxSeats: 10 })
    ).planVersionId;
    business = (
      await offeredPlan({ name: 'Business', baseFeeMinor: 49900n, seatUnitPrice: '12', includedSeats: 5, maxSeats: 50 })
    ).planVersionId;
    const tenant = await newTenant();
    tenantId = tenant.id;
    const member = await newMember(tenantId, 'OWNER', { seatAssigned: true });
    await newMember(tenantId, 'MEMBER', { seatAssigned: true });
    waitingMemberId = (await newMember(tenantId, 'MEMBER')).membership.id;
    owner = { authorization: `Bearer ${await bearerFor(member.user)}`, 'x-tenant-id': tenantId };
    await subscriptionOn(tenantId, team, period, { seatQuantity: 2 });
  });

  afterAll(async () => {
    await started.close();
    await closeOwnerClient();
  });

  const call = <T>(query: string, variables: Record<string, unknown> = {}) =>
    graphql<T>(started.url, query, variables, owner);

  it('sells seats, upgrades with a preview, and invoices exactly the previewed figures', async () => {
    const assignSeat = `mutation($memberId: ID!) { assignSeat(memberId: $memberId) { id seatAssigned } }`;
    const seatLimit = async () =>
      dataOf(await call<{ currentTenant: { seatLimit: number } }>('{ currentTenant { seatLimit } }')).currentTenant
        .seatLimit;

    // Both seats paid for are held: a third member waits for one.
    expect(await seatLimit()).toBe(2);
    const full = await call(assignSeat, { memberId: waitingMemberId });
    expect(full.errors?.[0]).toMatchObject({
      message: expect.stringContaining('buy more seats on the Plan & billing page'),
      extensions: { code: 'CONFLICT', reason: 'SEAT_LIMIT_REACHED' },
    });

    // One more seat, 2/3 of the period left: credit 1 × 8.00 × 2/3 = 5.33, charge 2 × 8.00 × 2/3 = 10.67.
    const seats = { seatQuantity: 3, timing: 'NOW', effectiveAt: at.toISOString() };
    const seatPreview = dataOf(
      await call<{ previewSubscriptionChange: { lines: Line[]; totalMinor: string } }>(
        SubscriptionOps.previewSubscriptionChange,
        { input: seats },
      ),
    ).previewSubscriptionChange;
    expect(summary(seatPreview.lines)).toEqual([
      ['PRORATION_CREDIT', 'Unused time on Team v1 seats above 1 included (2/3 of the period, 1 × 8.00)', '-533'],
      ['PRORATION_CHARGE', 'Remaining time on Team v1 seats above 1 included (2/3 of the period, 2 × 8.00)', '1067'],
    ]);
    expect(seatPreview.totalMinor).toBe('534');
    const bought = await call<{ changeSubscription: { seatQuantity: number } }>(SubscriptionOps.changeSubscription, {
      input: seats,
      idempotencyKey: randomUUID(),
    });
    expect(dataOf(bought).changeSubscription.seatQuantity).toBe(3);
    expect(await seatLimit()).toBe(3);
    expect(dataOf(await call(assignSeat, { memberId: waitingMemberId }))).toMatchObject({
      assignSeat: { seatAssigned: true },
    });

    // The upgrade is confirmed at the instant it was previewed for.
    const upgrade = { planVersionId: business, timing: 'NOW' };
    const preview = dataOf(
      await call<{
        previewSubscriptionChange: { effectiveAt: string; nextInvoice: { lines: Line[]; totalMinor: string } };
      }>(SubscriptionOps.previewSubscriptionChange, { input: upgrade }),
    ).previewSubscriptionChange;
    const upgraded = await call<{ changeSubscription: { planVersion: { id: string }; seatQuantity: number } }>(
      SubscriptionOps.changeSubscription,
      { input: { ...upgrade, effectiveAt: preview.effectiveAt }, idempotencyKey: randomUUID() },
    );
    expect(dataOf(upgraded).changeSubscription).toMatchObject({ planVersion: { id: business }, seatQuantity: 5 });
    const upcoming = dataOf(
      await call<{ upcomingInvoice: { lines: Line[]; totalMinor: string } }>(SubscriptionOps.upcomingInvoice),
    ).upcomingInvoice;
    expect(summary(upcoming.lines)).toEqual(summary(preview.nextInvoice.lines));
    expect(upcoming.totalMinor).toBe(preview.nextInvoice.totalMinor);
    expect(upcoming.lines.map((line) => line.kind)).toEqual([
      'BASE_FEE',
      'SEATS',
      'PRORATION_CREDIT',
      'PRORATION_CHARGE',
      'PRORATION_CREDIT',
      'PRORATION_CREDIT',
      'PRORATION_CHARGE',
    ]);

    // The period closes: finance finds the draft with the previewed lines and total.
    await started.app.get(SubscriptionPeriods).rollOverdue(period.end);
    const finance = (await signedInStaffAs('FINANCE')).caller;
    const drafts = dataOf(
      await graphql<{ financeInvoices: { edges: { node: { lines: Line[]; totalMinor: string; status: string } }[] } }>(
        started.url,
        BillingOps.financeInvoices,
        { tenantId },
        { authorization: `Bearer ${finance.token}` },
      ),
    ).financeInvoices.edges.map((edge) => edge.node);
    expect(drafts).toHaveLength(1);
    expect(drafts[0].status).toBe('DRAFT');
    expect(summary(drafts[0].lines)).toEqual(summary(preview.nextInvoice.lines));
    expect(drafts[0].totalMinor).toBe(preview.nextInvoice.totalMinor);
    const events = await ownerClient().auditEvent.findMany({ where: { tenantId }, orderBy: { seq: 'asc' } });
    expect(events.map((event) => event.action)).toEqual([
      'subscription.seats_changed',
      'member.seat_assigned',
      'subscription.plan_changed',
    ]);
  });
});
