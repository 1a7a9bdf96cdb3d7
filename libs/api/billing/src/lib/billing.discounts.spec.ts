import { SubscriptionPeriods } from '@warbler/api/catalog';
import { PlatformDatabase } from '@warbler/api/core';
import {
  billedPlan,
  type Caller,
  closeOwnerClient,
  couponCode,
  type CouponView,
  dataOf,
  DiscountOps,
  type DiscountView,
  graphql,
  newCoupon,
  newTenant,
  outcome,
  ownerClient,
  signedInStaffAs,
  signedInTenantMember,
  startTestApp,
  subscribeInPeriod,
  SubscriptionOps,
  type TestApp,
  type UpcomingInvoiceView,
} from '../testing';
import { BillingModule } from './billing.module';
import { InvoiceDrafting } from './period-close/invoice-drafting';

const utc = (iso: string) => new Date(`${iso}Z`);
const month = (n: number) => ({
  start: utc(`2017-${String(n).padStart(2, '0')}-01T00:00:00`),
  end: utc(`2017-${String(n + 1).padStart(2, '0')}-01T00:00:00`),
});
/** The instant just after month `n` ends: a rollover run then closes it. */
const afterMonth = (n: number) => new Date(month(n).end.getTime() + 1000);

/*
 * Periods here lie in 2017, before the periods of every other suite that closes periods, so this
 * suite's rollover runs close no other suite's subscriptions. A test sets its subscription's period
 * last, and puts it back in a current period when done.
 */

describe('discounts', () => {
  let app: TestApp;
  let periods: SubscriptionPeriods;
  let finance: { user: { id: string; email: string }; caller: Caller };

  const redeem = (caller: Caller, code: string) =>
    graphql<{ redeemCoupon: DiscountView }>(app, caller, DiscountOps.redeemCoupon, { code });
  const apply = (tenantId: string, code: string, caller: Caller = finance.caller) =>
    graphql<{ applyCoupon: DiscountView }>(app, caller, DiscountOps.applyCoupon, { tenantId, code });
  const remove = (tenantId: string, id: string, caller: Caller = finance.caller) =>
    graphql<{ removeDiscount: DiscountView }>(app, caller, DiscountOps.removeDiscount, {
      tenantId,
      id,
      reason: 'Sold by mistake',
    });
  const create = (input: Record<string, unknown>, caller: Caller = finance.caller) =>
    graphql<{ createCoupon: CouponView }>(app, caller, DiscountOps.createCoupon, { input });
  const adminOf = async (tenantId: string) => (await signedInTenantMember(tenantId, 'ADMIN')).caller;
  const auditOf = (tenantId: string, action: string) =>
    ownerClient().auditEvent.findMany({ where: { tenantId, action }, orderBy: { seq: 'asc' } });
  const redemptionOf = (tenantId: string, id: string) =>
    ownerClient().couponRedemption.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id } } });
  /** Redemptions made now would not discount 2017 periods: these tests redeemed "before" them. */
  const backdate = (tenantId: string, id: string, at = utc('2016-12-15T00:00:00')) =>
    ownerClient().couponRedemption.update({ where: { tenantId_id: { tenantId, id } }, data: { redeemedAt: at } });
  const invoicesOf = (tenantId: string) =>
    ownerClient().invoice.findMany({
      where: { tenantId },
      include: { lines: { orderBy: { position: 'asc' } } },
      orderBy: { periodStart: 'asc' },
    });
  const backToNow = (tenantId: string, planVersionId: string) =>
    subscribeInPeriod(tenantId, planVersionId, {
      start: new Date(Date.now() - 24 * 3600 * 1000),
      end: new Date(Date.now() + 30 * 24 * 3600 * 1000),
    });

  beforeAll(async () => {
    app = await startTestApp([BillingModule]);
    periods = app.app.get(SubscriptionPeriods);
    finance = await signedInStaffAs('FINANCE');
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
  });

  describe('coupons', () => {
    it('creates a coupon with an upper-case code, records it in the platform audit log, and lists it', async () => {
      const code = couponCode('spring').toLowerCase();
      const coupon = dataOf(
        await create({
          code,
          name: 'Spring sale',
          kind: 'PERCENTAGE',
          percentOff: '12.50',
          duration: 'REPEATING',
          durationPeriods: 3,
          maxRedemptions: 10,
        }),
      ).createCoupon;

      expect(coupon).toMatchObject({
        code: code.toUpperCase(),
        name: 'Spring sale',
        kind: 'PERCENTAGE',
        percentOff: '12.5',
        amountOffMinor: null,
        currency: null,
        duration: 'REPEATING',
        durationPeriods: 3,
        plans: [],
        maxRedemptions: 10,
        timesRedeemed: 0,
        archivedAt: null,
      });
      const events = await ownerClient().platformAuditEvent.findMany({ where: { targetId: coupon.id } });
      expect(
        events.map((event) => [event.action, event.actorUserId, (event.details as { code: string }).code]),
      ).toEqual([['coupon.created', finance.user.id, code.toUpperCase()]]);
      const listed = dataOf(
        await graphql<{ coupons: { edges: { node: CouponView }[] } }>(app, finance.caller, DiscountOps.coupons, {
          first: 100,
        }),
      ).coupons.edges.map((edge) => edge.node.id);
      expect(listed).toContain(coupon.id);
    });

    it('answers a retried creation with the coupon it made, and refuses another coupon under a taken code', async () => {
      const code = couponCode('ONCE');
      const input = {
        code,
        name: 'Welcome',
        kind: 'FIXED_AMOUNT',
        amountOffMinor: '500',
        currency: 'usd',
        duration: 'ONCE',
      };
      const first = dataOf(await create(input)).createCoupon;

      expect(dataOf(await create(input)).createCoupon.id).toBe(first.id);
      expect(outcome(await create({ ...input, code: code.toLowerCase(), amountOffMinor: '600' }))).toBe(
        'CONFLICT:COUPON_CODE_TAKEN',
      );
      expect(await ownerClient().platformAuditEvent.count({ where: { targetId: first.id } })).toBe(1);
      expect(first).toMatchObject({ amountOffMinor: '500', currency: 'USD', percentOff: null });
    });

    it.each([
      [
        'a percentage with an amount',
        { kind: 'PERCENTAGE', percentOff: '10', amountOffMinor: '5', duration: 'ONCE' },
        'BAD_USER_INPUT:INVALID_COUPON',
      ],
      ['0 %', { kind: 'PERCENTAGE', percentOff: '0', duration: 'ONCE' }, 'BAD_USER_INPUT:INVALID_COUPON'],
      ['100.5 %', { kind: 'PERCENTAGE', percentOff: '100.5', duration: 'ONCE' }, 'BAD_USER_INPUT:INVALID_COUPON'],
      [
        'an amount without a currency',
        { kind: 'FIXED_AMOUNT', amountOffMinor: '5', duration: 'ONCE' },
        'BAD_USER_INPUT:INVALID_COUPON',
      ],
      [
        'an unknown currency',
        { kind: 'FIXED_AMOUNT', amountOffMinor: '5', currency: 'XYZ', duration: 'ONCE' },
        'BAD_USER_INPUT:INVALID_COUPON',
      ],
      [
        'a negative amount',
        { kind: 'FIXED_AMOUNT', amountOffMinor: '-5', currency: 'USD', duration: 'ONCE' },
        'BAD_USER_INPUT:VALIDATION_FAILED',
      ],
      [
        'REPEATING without periods',
        { kind: 'PERCENTAGE', percentOff: '5', duration: 'REPEATING' },
        'BAD_USER_INPUT:INVALID_COUPON',
      ],
      [
        'ONCE with periods',
        { kind: 'PERCENTAGE', percentOff: '5', duration: 'ONCE', durationPeriods: 2 },
        'BAD_USER_INPUT:INVALID_COUPON',
      ],
      [
        'a past expiry',
        { kind: 'PERCENTAGE', percentOff: '5', duration: 'ONCE', redeemBy: '2020-01-01T00:00:00Z' },
        'BAD_USER_INPUT:INVALID_COUPON',
      ],
      [
        'an unknown plan',
        { kind: 'PERCENTAGE', percentOff: '5', duration: 'ONCE', planIds: ['019ab000-0000-7000-8000-00000000beef'] },
        'NOT_FOUND',
      ],
    ])('refuses %s, creating nothing', async (_, terms, expected) => {
      const code = couponCode('BAD');
      expect(outcome(await create({ code, name: 'Bad', ...terms }))).toBe(expected);
      expect(await ownerClient().coupon.count({ where: { code } })).toBe(0);
    });

    it.each(['ab', 'with space', 'émoji', '-leading'])('refuses the code %j', async (code) => {
      expect(outcome(await create({ code, name: 'Bad', kind: 'PERCENTAGE', percentOff: '5', duration: 'ONCE' }))).toBe(
        'BAD_USER_INPUT:VALIDATION_FAILED',
      );
    });

    it('archives once, hides archived coupons unless asked, and pages newest first', async () => {
      const coupons = [];
      for (let n = 0; n < 3; n++) coupons.push(await newCoupon(finance.user.id));
      const archive = (id: string) =>
        graphql<{ archiveCoupon: CouponView }>(app, finance.caller, DiscountOps.archiveCoupon, { id });

      const archived = dataOf(await archive(coupons[1].id)).archiveCoupon;
      expect(archived.archivedAt).not.toBeNull();
      expect(dataOf(await archive(coupons[1].id)).archiveCoupon.archivedAt).toBe(archived.archivedAt);
      expect(
        await ownerClient().platformAuditEvent.count({ where: { targetId: coupons[1].id, action: 'coupon.archived' } }),
      ).toBe(1);
      expect(outcome(await archive('019ab000-0000-7000-8000-00000000beef'))).toBe('NOT_FOUND');

      const page = async (includeArchived: boolean, after?: string) =>
        dataOf(
          await graphql<{
            coupons: { edges: { node: CouponView }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
          }>(app, finance.caller, DiscountOps.coupons, { first: 1, after, includeArchived }),
        ).coupons;
      const first = await page(false);
      expect(first.edges.map((edge) => edge.node.id)).toEqual([coupons[2].id]);
      expect(first.pageInfo.hasNextPage).toBe(true);
      expect((await page(false, first.pageInfo.endCursor)).edges.map((edge) => edge.node.id)).toEqual([coupons[0].id]);
      expect((await page(true, first.pageInfo.endCursor)).edges.map((edge) => edge.node.id)).toEqual([coupons[1].id]);
      expect(outcome(await graphql(app, finance.caller, DiscountOps.coupons, { after: 'nonsense' }))).toBe(
        'BAD_USER_INPUT:INVALID_CURSOR',
      );
    });
  });

  describe('redeeming', () => {
    it('redeems a code typed in any case, counts it, records it in the tenant’s log, and answers a retry with it', async () => {
      const tenant = await newTenant();
      const admin = await signedInTenantMember(tenant.id, 'ADMIN');
      const coupon = await newCoupon(finance.user.id, { duration: 'REPEATING', durationPeriods: 3 });

      const discount = dataOf(await redeem(admin.caller, coupon.code.toLowerCase())).redeemCoupon;
      const retried = dataOf(await redeem(admin.caller, coupon.code)).redeemCoupon;

      expect(discount).toMatchObject({
        tenantId: tenant.id,
        couponCode: coupon.code,
        kind: 'PERCENTAGE',
        percentOff: '25',
        duration: 'REPEATING',
        durationPeriods: 3,
        status: 'ACTIVE',
        periodsUsed: 0,
        periodsLeft: 3,
        appliedByStaff: false,
      });
      expect(retried).toEqual(discount);
      expect((await ownerClient().coupon.findUniqueOrThrow({ where: { id: coupon.id } })).timesRedeemed).toBe(1);
      const events = await auditOf(tenant.id, 'discount.redeemed');
      expect(events.map((event) => [event.actorUserId, event.targetType, event.targetId])).toEqual([
        [admin.user.id, 'Discount', discount.id],
      ]);
    });

    it('answers NOT_FOUND for an unknown code and for an archived one alike, and tells staff it is archived', async () => {
      const tenant = await newTenant();
      const admin = await adminOf(tenant.id);
      const archived = await newCoupon(finance.user.id, { archivedAt: new Date() });

      const unknown = await redeem(admin, 'NO-SUCH-CODE');
      const hidden = await redeem(admin, archived.code);

      expect(outcome(unknown)).toBe('NOT_FOUND');
      expect(outcome(hidden)).toBe('NOT_FOUND');
      expect(hidden.errors?.[0].message).toBe(unknown.errors?.[0].message);
      expect(outcome(await apply(tenant.id, archived.code))).toBe('CONFLICT:COUPON_ARCHIVED');
    });

    it('refuses an expired coupon, one at its limit, one for other plans and one in another currency', async () => {
      const tenant = await newTenant();
      const admin = await adminOf(tenant.id);
      const other = await billedPlan();
      const otherPlanId = (await ownerClient().planVersion.findUniqueOrThrow({ where: { id: other.planVersionId } }))
        .planId;
      const ownPlanId = (await ownerClient().planVersion.findUniqueOrThrow({ where: { id: tenant.planVersionId } }))
        .planId;
      const expired = await newCoupon(finance.user.id, { redeemBy: new Date(Date.now() - 1000) });
      const full = await newCoupon(finance.user.id, { maxRedemptions: 1 });
      await ownerClient().coupon.update({ where: { id: full.id }, data: { timesRedeemed: 1 } });
      const otherPlans = await newCoupon(finance.user.id, { planIds: [otherPlanId] });
      const euros = await newCoupon(finance.user.id, { kind: 'FIXED_AMOUNT', currency: 'EUR' });
      const ownPlan = await newCoupon(finance.user.id, { planIds: [otherPlanId, ownPlanId] });

      expect(outcome(await redeem(admin, expired.code))).toBe('BAD_USER_INPUT:COUPON_EXPIRED');
      expect(outcome(await redeem(admin, full.code))).toBe('CONFLICT:COUPON_REDEMPTION_LIMIT_REACHED');
      expect(outcome(await redeem(admin, otherPlans.code))).toBe('BAD_USER_INPUT:COUPON_PLAN_NOT_ELIGIBLE');
      expect(outcome(await redeem(admin, euros.code))).toBe('BAD_USER_INPUT:COUPON_CURRENCY_MISMATCH');
      expect(await ownerClient().couponRedemption.count({ where: { tenantId: tenant.id } })).toBe(0);
      expect(
        dataOf(await redeem(admin, ownPlan.code))
          .redeemCoupon.eligiblePlans.map((plan) => plan.id)
          .sort(),
      ).toEqual([otherPlanId, ownPlanId].sort());
    });

    it('refuses a coupon the tenant redeemed before and no longer holds', async () => {
      const tenant = await newTenant();
      const admin = await adminOf(tenant.id);
      const coupon = await newCoupon(finance.user.id);
      const discount = dataOf(await redeem(admin, coupon.code)).redeemCoupon;
      dataOf(await remove(tenant.id, discount.id));

      expect(outcome(await redeem(admin, coupon.code))).toBe('CONFLICT:COUPON_ALREADY_REDEEMED');
      expect(outcome(await apply(tenant.id, coupon.code))).toBe('CONFLICT:COUPON_ALREADY_REDEEMED');
    });

    it('lets staff apply a coupon, recorded in the tenant’s log as theirs', async () => {
      const tenant = await newTenant();
      const coupon = await newCoupon(finance.user.id, { kind: 'FIXED_AMOUNT', amountOffMinor: 2500n });

      const discount = dataOf(await apply(tenant.id, coupon.code.toLowerCase())).applyCoupon;

      expect(discount).toMatchObject({
        appliedByStaff: true,
        amountOffMinor: '2500',
        currency: 'USD',
        periodsLeft: null,
      });
      expect((await auditOf(tenant.id, 'discount.applied')).map((event) => event.actorUserId)).toEqual([
        finance.user.id,
      ]);
      expect(outcome(await apply('019ab000-0000-7000-8000-00000000beef', coupon.code))).toBe('NOT_FOUND');
    });

    it('never lets more tenants redeem a coupon than its limit, however many redeem at once', async () => {
      const coupon = await newCoupon(finance.user.id, { maxRedemptions: 3 });
      const tenants = await Promise.all(Array.from({ length: 8 }, () => newTenant()));
      const admins = [];
      for (const tenant of tenants) admins.push(await adminOf(tenant.id));

      const answers = await Promise.all(admins.map((admin) => redeem(admin, coupon.code)));

      const outcomes = answers.map(outcome);
      expect(outcomes.filter((o) => o === 'OK')).toHaveLength(3);
      expect(outcomes.filter((o) => o === 'CONFLICT:COUPON_REDEMPTION_LIMIT_REACHED')).toHaveLength(5);
      expect((await ownerClient().coupon.findUniqueOrThrow({ where: { id: coupon.id } })).timesRedeemed).toBe(3);
      expect(await ownerClient().couponRedemption.count({ where: { couponId: coupon.id } })).toBe(3);
    });

    it('makes one redemption of retries racing each other', async () => {
      const tenant = await newTenant();
      const admin = await adminOf(tenant.id);
      const coupon = await newCoupon(finance.user.id);

      const answers = await Promise.all([1, 2, 3, 4].map(() => redeem(admin, coupon.code)));

      expect(answers.map(outcome)).toEqual(['OK', 'OK', 'OK', 'OK']);
      expect(new Set(answers.map((answer) => dataOf(answer).redeemCoupon.id)).size).toBe(1);
      expect((await ownerClient().coupon.findUniqueOrThrow({ where: { id: coupon.id } })).timesRedeemed).toBe(1);
      expect(await auditOf(tenant.id, 'discount.redeemed')).toHaveLength(1);
    });
  });

  describe('removing', () => {
    it('removes an active discount once, with its reason in the tenant’s log, and keeps it in the history', async () => {
      const tenant = await newTenant();
      const admin = await adminOf(tenant.id);
      const discount = dataOf(await redeem(admin, (await newCoupon(finance.user.id)).code)).redeemCoupon;

      const removed = dataOf(await remove(tenant.id, discount.id)).removeDiscount;
      const again = dataOf(await remove(tenant.id, discount.id)).removeDiscount;

      expect(removed).toMatchObject({ status: 'REMOVED', removalReason: 'Sold by mistake' });
      expect(again).toEqual(removed);
      const events = await auditOf(tenant.id, 'discount.removed');
      expect(events.map((event) => [event.actorUserId, event.changes])).toEqual([
        [
          finance.user.id,
          expect.objectContaining({
            status: { before: 'ACTIVE', after: 'REMOVED' },
            removalReason: { before: null, after: 'Sold by mistake' },
          }),
        ],
      ]);
      const listed = (includeEnded: boolean) =>
        graphql<{ discounts: DiscountView[] }>(app, admin, DiscountOps.discounts, { includeEnded });
      expect(dataOf(await listed(false)).discounts).toEqual([]);
      expect(dataOf(await listed(true)).discounts.map((d) => d.id)).toEqual([discount.id]);
      expect(outcome(await remove(tenant.id, '019ab000-0000-7000-8000-00000000beef'))).toBe('NOT_FOUND');
    });

    it('refuses to remove a discount that used all its periods', async () => {
      const tenant = await newTenant();
      const discount = dataOf(
        await apply(tenant.id, (await newCoupon(finance.user.id, { duration: 'ONCE' })).code),
      ).applyCoupon;
      await ownerClient().couponRedemption.update({
        where: { tenantId_id: { tenantId: tenant.id, id: discount.id } },
        data: { periodsUsed: 1 },
      });

      expect(outcome(await remove(tenant.id, discount.id))).toBe('CONFLICT:DISCOUNT_ENDED');
    });
  });

  describe('at period close', () => {
    it('applies a ONCE percentage to the first period invoice only, before tax, and counts the period', async () => {
      const tenant = await newTenant();
      const plan = await billedPlan({ baseFeeMinor: 10_000n });
      await ownerClient().tenant.update({ where: { id: tenant.id }, data: { taxRatePercent: '10' } });
      const coupon = await newCoupon(finance.user.id, { name: 'Launch', duration: 'ONCE', percentOff: '25' });
      const discount = dataOf(await apply(tenant.id, coupon.code)).applyCoupon;
      await backdate(tenant.id, discount.id);
      await subscribeInPeriod(tenant.id, plan.planVersionId, month(1));

      await periods.rollOverdue(afterMonth(1));
      await periods.rollOverdue(afterMonth(2));

      const [january, february] = await invoicesOf(tenant.id);
      // 100.00 − 25 % (25.00) = 75.00; tax 10 % = 7.50; total 82.50
      expect([january.subtotalMinor, january.taxMinor, january.totalMinor]).toEqual([7500n, 750n, 8250n]);
      expect(january.lines.map((line) => [line.kind, line.amountMinor, line.description])).toEqual([
        ['BASE_FEE', 10_000n, 'Billing v1 base fee'],
        ['DISCOUNT', -2500n, `Launch (coupon ${coupon.code}, 25% off)`],
      ]);
      expect(january.lines[1].explain).toMatchObject({
        redemptionId: discount.id,
        couponCode: coupon.code,
        kind: 'PERCENTAGE',
        percentOff: '25',
        baseMinor: '10000',
        duration: 'ONCE',
        periodsLeft: 0,
      });
      // 100.00 + 10.00 tax
      expect([february.totalMinor, february.lines.map((line) => line.kind)]).toEqual([11_000n, ['BASE_FEE']]);
      expect((await redemptionOf(tenant.id, discount.id)).periodsUsed).toBe(1);
      await backToNow(tenant.id, plan.planVersionId);
    });

    it('uses repeating and forever discounts in redemption order across periods closed in one run', async () => {
      const tenant = await newTenant();
      const plan = await billedPlan({ baseFeeMinor: 10_000n });
      const tenOff = await newCoupon(finance.user.id, {
        kind: 'FIXED_AMOUNT',
        amountOffMinor: 1000n,
        duration: 'REPEATING',
        durationPeriods: 2,
      });
      const tenPercent = await newCoupon(finance.user.id, { percentOff: '10', duration: 'FOREVER' });
      const fixed = dataOf(await apply(tenant.id, tenOff.code)).applyCoupon;
      const percent = dataOf(await apply(tenant.id, tenPercent.code)).applyCoupon;
      await backdate(tenant.id, fixed.id, utc('2016-12-01T00:00:00'));
      await backdate(tenant.id, percent.id, utc('2016-12-02T00:00:00'));
      await subscribeInPeriod(tenant.id, plan.planVersionId, month(1));

      // Three periods behind: one run drafts January, February and March.
      await periods.rollOverdue(afterMonth(3));

      const invoices = await invoicesOf(tenant.id);
      expect(
        invoices.map((invoice) => [
          invoice.periodStart.toISOString().slice(0, 7),
          invoice.lines.filter((line) => line.kind === 'DISCOUNT').map((line) => line.amountMinor),
          invoice.totalMinor,
        ]),
      ).toEqual([
        // 100.00 − 10.00 = 90.00; 10 % of 90.00 = 9.00 → 81.00
        ['2017-01', [-1000n, -900n], 8100n],
        ['2017-02', [-1000n, -900n], 8100n],
        // The fixed amount has used its two periods: 10 % of 100.00 = 10.00 → 90.00
        ['2017-03', [-1000n], 9000n],
      ]);
      expect(invoices[2].lines[1].explain).toMatchObject({ couponCode: tenPercent.code, periodsLeft: null });
      expect((await redemptionOf(tenant.id, fixed.id)).periodsUsed).toBe(2);
      expect((await redemptionOf(tenant.id, percent.id)).periodsUsed).toBe(3);
      const listed = dataOf(
        await graphql<{ tenantDiscounts: DiscountView[] }>(app, finance.caller, DiscountOps.tenantDiscounts, {
          tenantId: tenant.id,
          includeEnded: true,
        }),
      ).tenantDiscounts;
      expect(listed.map((d) => [d.id, d.status, d.periodsUsed, d.periodsLeft])).toEqual([
        [fixed.id, 'ENDED', 2, 0],
        [percent.id, 'ACTIVE', 3, null],
      ]);
      await backToNow(tenant.id, plan.planVersionId);
    });

    it('gives nothing, and uses no period, while the tenant is on a plan the coupon is not for', async () => {
      const tenant = await newTenant();
      const eligible = await billedPlan({ baseFeeMinor: 10_000n });
      const other = await billedPlan({ baseFeeMinor: 20_000n });
      const planId = (await ownerClient().planVersion.findUniqueOrThrow({ where: { id: eligible.planVersionId } }))
        .planId;
      const coupon = await newCoupon(finance.user.id, { duration: 'ONCE', percentOff: '50', planIds: [planId] });
      await subscribeInPeriod(tenant.id, eligible.planVersionId, month(4));
      const discount = dataOf(await apply(tenant.id, coupon.code)).applyCoupon;
      await backdate(tenant.id, discount.id, utc('2017-03-15T00:00:00'));
      await subscribeInPeriod(tenant.id, other.planVersionId, month(4));

      await periods.rollOverdue(afterMonth(4));
      expect((await redemptionOf(tenant.id, discount.id)).periodsUsed).toBe(0);
      await subscribeInPeriod(tenant.id, eligible.planVersionId, month(5));
      await periods.rollOverdue(afterMonth(5));

      expect((await invoicesOf(tenant.id)).map((invoice) => invoice.totalMinor)).toEqual([
        20_000n,
        // 100.00 − 50 % = 50.00
        5000n,
      ]);
      expect((await redemptionOf(tenant.id, discount.id)).periodsUsed).toBe(1);
      await backToNow(tenant.id, eligible.planVersionId);
    });

    it('gives nothing once removed, nor to a period that ended before the redemption', async () => {
      const tenant = await newTenant();
      const plan = await billedPlan({ baseFeeMinor: 10_000n });
      const removed = dataOf(await apply(tenant.id, (await newCoupon(finance.user.id)).code)).applyCoupon;
      await backdate(tenant.id, removed.id);
      dataOf(await remove(tenant.id, removed.id));
      const late = dataOf(await apply(tenant.id, (await newCoupon(finance.user.id)).code)).applyCoupon;
      // Redeemed when July had ended but was not closed yet.
      await backdate(tenant.id, late.id, utc('2017-08-01T00:00:00'));
      await subscribeInPeriod(tenant.id, plan.planVersionId, month(7));

      await periods.rollOverdue(afterMonth(7));

      const [july] = await invoicesOf(tenant.id);
      expect([july.totalMinor, july.lines.map((line) => line.kind)]).toEqual([10_000n, ['BASE_FEE']]);
      expect((await redemptionOf(tenant.id, late.id)).periodsUsed).toBe(0);
      await backToNow(tenant.id, plan.planVersionId);
    });

    it('counts a period once: drafting a period again is skipped, and so is its count', async () => {
      const tenant = await newTenant();
      const plan = await billedPlan({ baseFeeMinor: 10_000n });
      const discount = dataOf(
        await apply(tenant.id, (await newCoupon(finance.user.id, { duration: 'REPEATING', durationPeriods: 5 })).code),
      ).applyCoupon;
      await backdate(tenant.id, discount.id);
      const subscription = await ownerClient().subscription.findUniqueOrThrow({ where: { tenantId: tenant.id } });
      const ended = {
        tenantId: tenant.id,
        subscriptionId: subscription.id,
        planVersionId: plan.planVersionId,
        seatQuantity: 0,
        trialEndsAt: null,
        period: month(9),
        run: {},
      };
      const draft = () =>
        app.app
          .get(PlatformDatabase)
          .client.$transaction((tx) => app.app.get(InvoiceDrafting).draft(tx, [{ ...ended, run: {} }]));

      expect(await draft()).toHaveLength(1);
      expect(await draft()).toEqual([]);

      expect((await redemptionOf(tenant.id, discount.id)).periodsUsed).toBe(1);
      const [september] = await invoicesOf(tenant.id);
      // 100.00 − 25 % = 75.00
      expect(september.totalMinor).toBe(7500n);
    });
  });

  describe('in estimates', () => {
    it('shows the discount lines of the next invoice in the upcoming invoice and a change preview', async () => {
      const tenant = await newTenant();
      const plan = await billedPlan({ baseFeeMinor: 10_000n });
      const bigger = await billedPlan({ baseFeeMinor: 30_000n });
      await backToNow(tenant.id, plan.planVersionId);
      const owner = (await signedInTenantMember(tenant.id, 'OWNER')).caller;
      const coupon = await newCoupon(finance.user.id, {
        kind: 'FIXED_AMOUNT',
        amountOffMinor: 1500n,
        duration: 'ONCE',
      });
      dataOf(await redeem(owner, coupon.code));

      const upcoming = dataOf(
        await graphql<{ upcomingInvoice: UpcomingInvoiceView }>(app, owner, SubscriptionOps.upcomingInvoice),
      ).upcomingInvoice;
      // 100.00 − 15.00 = 85.00
      expect(upcoming.lines.map((line) => [line.kind, line.amountMinor])).toEqual([
        ['BASE_FEE', '10000'],
        ['DISCOUNT', '-1500'],
      ]);
      expect(upcoming.totalMinor).toBe('8500');

      const preview = dataOf(
        await graphql<{ previewSubscriptionChange: { nextInvoice: UpcomingInvoiceView } }>(
          app,
          owner,
          SubscriptionOps.previewSubscriptionChange,
          { input: { planVersionId: bigger.planVersionId, timing: 'NOW' } },
        ),
      ).previewSubscriptionChange;
      expect(preview.nextInvoice.lines.find((line) => line.kind === 'DISCOUNT')?.amountMinor).toBe('-1500');
    });
  });
});
