import {
  type Caller,
  callersOfEveryRole,
  closeOwnerClient,
  couponCode,
  dataOf,
  DiscountOps,
  type DiscountView,
  EVERYONE,
  graphql,
  newCoupon,
  newTenant,
  outcome,
  ownerClient,
  signedInStaffAs,
  signedInTenantMember,
  startTestApp,
  SubscriptionOps,
  type TestApp,
  type UpcomingInvoiceView,
  type Who,
} from '../testing';
import { BillingModule } from './billing.module';

const STAFF_ONLY = ['OK', 'FORBIDDEN', 'OK', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'];
const TENANT_ADMINS = ['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'OK', 'OK', 'OK', 'FORBIDDEN'];
const TENANT_MEMBERS = ['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'OK', 'OK', 'OK', 'OK'];
const SIGNED_OUT = ['MFA_REQUIRED:MFA_ENROLMENT_REQUIRED', 'UNAUTHENTICATED'];

/** Who may keep coupons, apply, redeem, remove and read discounts: each role gets exactly its share. */
describe('discount access', () => {
  let app: TestApp;
  let finance: { user: { id: string }; caller: Caller };
  let tenantId: string;
  let callers: Map<Who, Caller | null>;

  /**
   * What the operations could change, scoped to this suite (other suites share the database): the
   * suite's coupons and any coupon under the code a request names, the tenant's redemptions and
   * audit log, and the coupons' platform audit events.
   */
  const stateOf = async (variables: Record<string, unknown>) => {
    const code = (variables['input'] as { code?: string } | undefined)?.code ?? null;
    const coupons = await ownerClient().coupon.findMany({
      where: { OR: [{ createdByUserId: finance.user.id }, ...(code ? [{ code }] : [])] },
      orderBy: { id: 'asc' },
    });
    return {
      coupons,
      redemptions: await ownerClient().couponRedemption.findMany({ where: { tenantId }, orderBy: { id: 'asc' } }),
      events: await ownerClient().auditEvent.count({ where: { tenantId } }),
      platformEvents: await ownerClient().platformAuditEvent.count({
        where: { targetType: 'Coupon', targetId: { in: coupons.map((coupon) => coupon.id) } },
      }),
    };
  };
  const applied = async (target = tenantId) => {
    const coupon = await newCoupon(finance.user.id);
    return dataOf(
      await graphql<{ applyCoupon: DiscountView }>(app, finance.caller, DiscountOps.applyCoupon, {
        tenantId: target,
        code: coupon.code,
      }),
    ).applyCoupon;
  };

  /** Each operation with the variables of a call that would succeed for a caller allowed to make it. */
  const operations: [string, string[], () => Promise<{ query: string; variables: Record<string, unknown> }>][] = [
    ['coupons', STAFF_ONLY, async () => ({ query: DiscountOps.coupons, variables: {} })],
    [
      'createCoupon',
      STAFF_ONLY,
      async () => ({
        query: DiscountOps.createCoupon,
        variables: {
          input: { code: couponCode(), name: 'New', kind: 'PERCENTAGE', percentOff: '5', duration: 'ONCE' },
        },
      }),
    ],
    [
      'archiveCoupon',
      STAFF_ONLY,
      async () => ({ query: DiscountOps.archiveCoupon, variables: { id: (await newCoupon(finance.user.id)).id } }),
    ],
    [
      'applyCoupon',
      STAFF_ONLY,
      async () => ({
        query: DiscountOps.applyCoupon,
        variables: { tenantId, code: (await newCoupon(finance.user.id)).code },
      }),
    ],
    [
      'removeDiscount',
      STAFF_ONLY,
      async () => ({
        query: DiscountOps.removeDiscount,
        variables: { tenantId, id: (await applied()).id, reason: 'Role matrix' },
      }),
    ],
    ['tenantDiscounts', STAFF_ONLY, async () => ({ query: DiscountOps.tenantDiscounts, variables: { tenantId } })],
    [
      'redeemCoupon',
      TENANT_ADMINS,
      async () => ({ query: DiscountOps.redeemCoupon, variables: { code: (await newCoupon(finance.user.id)).code } }),
    ],
    ['discounts', TENANT_MEMBERS, async () => ({ query: DiscountOps.discounts, variables: {} })],
  ];

  beforeAll(async () => {
    app = await startTestApp([BillingModule]);
    finance = await signedInStaffAs('FINANCE');
    tenantId = (await newTenant()).id;
    callers = await callersOfEveryRole(tenantId);
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
  });

  describe.each(operations)('%s', (_, expected, request) => {
    it.each(EVERYONE.map((who, index) => [who, [...expected, ...SIGNED_OUT][index]] as const))(
      'by %s: %s',
      async (who, outcomeExpected) => {
        const { query, variables } = await request();
        const before = await stateOf(variables);

        const answer = await graphql(app, callers.get(who) ?? null, query, variables);

        expect(outcome(answer)).toBe(outcomeExpected);
        if (outcomeExpected !== 'OK') expect(await stateOf(variables)).toEqual(before);
      },
    );
  });

  describe('isolation', () => {
    let a: { tenantId: string; admin: Caller; discountId: string };
    let b: { tenantId: string; admin: Caller; discountId: string };

    beforeAll(async () => {
      const [tenantA, tenantB] = [await newTenant(), await newTenant()];
      a = {
        tenantId: tenantA.id,
        admin: (await signedInTenantMember(tenantA.id, 'ADMIN')).caller,
        discountId: (await applied(tenantA.id)).id,
      };
      b = {
        tenantId: tenantB.id,
        admin: (await signedInTenantMember(tenantB.id, 'ADMIN')).caller,
        discountId: (await applied(tenantB.id)).id,
      };
    });

    it('shows a tenant its own discounts only', async () => {
      const ofA = dataOf(await graphql<{ discounts: DiscountView[] }>(app, a.admin, DiscountOps.discounts, {}));
      const ofB = dataOf(await graphql<{ discounts: DiscountView[] }>(app, b.admin, DiscountOps.discounts, {}));

      expect(ofA.discounts.map((discount) => discount.id)).toEqual([a.discountId]);
      expect(ofB.discounts.map((discount) => discount.id)).toEqual([b.discountId]);
    });

    it('prices a tenant’s next invoice with its own discounts only', async () => {
      const upcoming = dataOf(
        await graphql<{ upcomingInvoice: UpcomingInvoiceView }>(app, a.admin, SubscriptionOps.upcomingInvoice),
      ).upcomingInvoice;

      const redemptions = upcoming.lines
        .filter((line) => line.kind === 'DISCOUNT')
        .map((line) => (line.explain as { redemptionId: string }).redemptionId);
      expect(redemptions).toEqual([a.discountId]);
    });

    it('keeps one tenant’s redemption of a code apart from another’s', async () => {
      const coupon = await newCoupon(finance.user.id, { maxRedemptions: 2 });

      const byA = dataOf(
        await graphql<{ redeemCoupon: DiscountView }>(app, a.admin, DiscountOps.redeemCoupon, { code: coupon.code }),
      ).redeemCoupon;
      const byB = dataOf(
        await graphql<{ redeemCoupon: DiscountView }>(app, b.admin, DiscountOps.redeemCoupon, { code: coupon.code }),
      ).redeemCoupon;

      expect([byA.tenantId, byB.tenantId]).toEqual([a.tenantId, b.tenantId]);
      expect(byA.id).not.toBe(byB.id);
    });

    it('refuses a tenant admin working in another tenant', async () => {
      const intoB = { ...a.admin, tenantId: b.tenantId };

      const answer = await graphql(app, intoB, DiscountOps.discounts, {});

      expect(outcome(answer)).not.toBe('OK');
      expect(answer.data?.discounts ?? null).toBeNull();
    });
  });
});
