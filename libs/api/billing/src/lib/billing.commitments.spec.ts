import { SubscriptionPeriods } from '@warbler/api/catalog';
import {
  billedPlan,
  type BillingTermsView,
  type Caller,
  closeOwnerClient,
  CommitmentOps,
  dataOf,
  graphql,
  newTenant,
  outcome,
  ownerClient,
  periodTotal,
  signedInStaffAs,
  signedInTenantMember,
  type SpendingView,
  startTestApp,
  subscribeInPeriod,
  SubscriptionOps,
  type TestApp,
} from '../testing';
import { BillingModule } from './billing.module';

const utc = (iso: string) => new Date(`${iso}Z`);

/*
 * Periods closed here lie in 2021, before those of the other suites that close periods (2022, 2023,
 * 2025), so no suite's rollover runs close another's subscriptions.
 */
describe('minimum commitments and spending caps', () => {
  let app: TestApp;
  let finance: Caller;
  let platformAdmin: Caller;

  const commit = (tenantId: string, amountMinor: string | null, caller = finance) =>
    graphql<{ setTenantMinimumCommitment: BillingTermsView }>(app, caller, CommitmentOps.setTenantMinimumCommitment, {
      tenantId,
      amountMinor,
    });
  const limit = (tenantId: string, maxSpendingCapMinor: string | null, spendingCapRequired = false) =>
    graphql<{ setTenantSpendingLimits: BillingTermsView }>(app, finance, CommitmentOps.setTenantSpendingLimits, {
      tenantId,
      maxSpendingCapMinor,
      spendingCapRequired,
    });
  const control = (caller: Caller, alertMinor: string | null, capMinor: string | null) =>
    graphql<{ setSpendingControls: SpendingView }>(app, caller, CommitmentOps.setSpendingControls, {
      alertMinor,
      capMinor,
    });
  const spending = async (caller: Caller) =>
    dataOf(await graphql<{ spending: SpendingView }>(app, caller, CommitmentOps.spending)).spending;
  const termsEvents = (tenantId: string) =>
    ownerClient().auditEvent.findMany({
      where: { tenantId, action: { startsWith: 'billing_terms.' } },
      orderBy: { seq: 'asc' },
    });

  beforeAll(async () => {
    app = await startTestApp([BillingModule]);
    finance = (await signedInStaffAs('FINANCE')).caller;
    platformAdmin = (await signedInStaffAs('PLATFORM_ADMIN')).caller;
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
  });

  describe('finance’s terms', () => {
    it('sets and removes a commitment, auditing each change in the tenant’s log', async () => {
      const tenant = await newTenant({ name: 'Committed Co' });

      expect(dataOf(await commit(tenant.id, '50000')).setTenantMinimumCommitment).toEqual({
        tenantId: tenant.id,
        tenantName: 'Committed Co',
        currency: 'USD',
        minimumCommitmentMinor: '50000',
        maxSpendingCapMinor: null,
        spendingCapRequired: false,
        spendingAlertMinor: null,
        spendingCapMinor: null,
      });
      // Platform admins may set commitments too; setting the same amount records nothing.
      dataOf(await commit(tenant.id, '60000', platformAdmin));
      dataOf(await commit(tenant.id, '60000'));
      expect(dataOf(await commit(tenant.id, null)).setTenantMinimumCommitment.minimumCommitmentMinor).toBeNull();

      const events = await termsEvents(tenant.id);
      expect(events.map((e) => [e.action, e.changes])).toEqual([
        ['billing_terms.commitment_changed', { minimumCommitmentMinor: { before: null, after: '50000' } }],
        ['billing_terms.commitment_changed', { minimumCommitmentMinor: { before: '50000', after: '60000' } }],
        ['billing_terms.commitment_changed', { minimumCommitmentMinor: { before: '60000', after: null } }],
      ]);
    });

    it.each(['0', '-1', '12.5', 'ten', '1e3', '1234567890123456789'])(
      'refuses a commitment of %j with BAD_USER_INPUT',
      async (amountMinor) => {
        const tenant = await newTenant();
        expect(outcome(await commit(tenant.id, amountMinor))).toBe('BAD_USER_INPUT:INVALID_AMOUNT');
        expect(await ownerClient().tenantBillingTerms.count({ where: { tenantId: tenant.id } })).toBe(0);
      },
    );

    it('answers NOT_FOUND for an unknown tenant', async () => {
      expect(outcome(await commit('019ab000-0000-7000-8000-00000000beef', '100'))).toBe('NOT_FOUND');
    });

    it('lowers a tenant’s cap to a lower limit, and sets one at the limit when a cap becomes required', async () => {
      const tenant = await newTenant();
      const owner = (await signedInTenantMember(tenant.id, 'OWNER')).caller;
      dataOf(await control(owner, '20000', '90000'));

      expect(dataOf(await limit(tenant.id, '50000')).setTenantSpendingLimits).toMatchObject({
        maxSpendingCapMinor: '50000',
        spendingCapMinor: '50000',
        spendingAlertMinor: '20000',
      });
      dataOf(await control(owner, null, null));
      expect(dataOf(await limit(tenant.id, '40000', true)).setTenantSpendingLimits).toMatchObject({
        spendingCapRequired: true,
        spendingCapMinor: '40000',
      });
      expect(outcome(await limit(tenant.id, null, true))).toBe('BAD_USER_INPUT:SPENDING_CAP_LIMIT_MISSING');
    });
  });

  describe('the tenant’s alert and cap', () => {
    it('lets a billing admin set them within finance’s limit, naming the limit when refused', async () => {
      const tenant = await newTenant();
      const billingAdmin = (await signedInTenantMember(tenant.id, 'BILLING_ADMIN')).caller;
      dataOf(await limit(tenant.id, '100000'));

      const set = dataOf(await control(billingAdmin, '25000', '100000')).setSpendingControls;
      expect(set).toMatchObject({
        currency: 'USD',
        spentMinor: '0',
        alertMinor: '25000',
        alertSent: false,
        capMinor: '100000',
        maxCapMinor: '100000',
      });

      const above = await control(billingAdmin, '25000', '100001');
      expect(outcome(above)).toBe('BAD_USER_INPUT:SPENDING_CAP_ABOVE_LIMIT');
      expect(above.errors?.[0].message).toBe(
        'The spending cap may be at most 1000.00 USD, the highest cap your billing terms allow',
      );
      expect((await spending(billingAdmin)).capMinor).toBe('100000');

      const events = await termsEvents(tenant.id);
      expect(events.map((e) => [e.action, e.changes])).toEqual([
        ['billing_terms.spending_limits_changed', { maxSpendingCapMinor: { before: null, after: '100000' } }],
        [
          'billing_terms.spending_controls_changed',
          {
            spendingAlertMinor: { before: null, after: '25000' },
            spendingCapMinor: { before: null, after: '100000' },
          },
        ],
      ]);
    });

    it('refuses removing a cap that finance requires', async () => {
      const tenant = await newTenant();
      const owner = (await signedInTenantMember(tenant.id, 'OWNER')).caller;
      dataOf(await limit(tenant.id, '30000', true));

      expect(outcome(await control(owner, null, null))).toBe('BAD_USER_INPUT:SPENDING_CAP_REQUIRED');
      expect(dataOf(await control(owner, null, '0')).setSpendingControls.capMinor).toBe('0');
    });

    it('reads spend as this period’s usage priced on the plan, tiers included, before tax', async () => {
      const tenant = await newTenant();
      const plan = await billedPlan({
        baseFeeMinor: 10_000n,
        charges: [
          {
            name: 'Tokens',
            model: 'GRADUATED',
            tiers: [
              { upTo: '1000', unitPrice: '0.01', flatFee: '0' },
              { upTo: null, unitPrice: '0.005', flatFee: '1' },
            ],
          },
        ],
      });
      const now = Date.now();
      const period = { start: new Date(now - 86_400_000), end: new Date(now + 29 * 86_400_000) };
      await periodTotal(tenant.id, plan.metricIds[0], period, '1500');
      await subscribeInPeriod(tenant.id, plan.planVersionId, period);
      const member = (await signedInTenantMember(tenant.id, 'MEMBER')).caller;

      // 1,000 × 0.01 = 10.00; 500 × 0.005 + 1 = 3.50. The base fee is not spend.
      expect(await spending(member)).toMatchObject({ spentMinor: '1350', periodEnd: period.end.toISOString() });
    });
  });

  describe('the true-up', () => {
    it('tops up the invoice drafted at close, and the upcoming invoice shows it', async () => {
      const tenant = await newTenant();
      const plan = await billedPlan({
        baseFeeMinor: 10_000n,
        charges: [{ name: 'Messages', model: 'PER_UNIT', unitPrice: '0.01' }],
      });
      dataOf(await commit(tenant.id, '25000'));
      const january = { start: utc('2021-01-01T00:00:00'), end: utc('2021-02-01T00:00:00') };
      await periodTotal(tenant.id, plan.metricIds[0], january, '3000');
      await subscribeInPeriod(tenant.id, plan.planVersionId, january);

      const billingAdmin = (await signedInTenantMember(tenant.id, 'BILLING_ADMIN')).caller;
      const upcoming = dataOf(
        await graphql<{ upcomingInvoice: { lines: { kind: string; amountMinor: string }[]; subtotalMinor: string } }>(
          app,
          billingAdmin,
          SubscriptionOps.upcomingInvoice,
        ),
      ).upcomingInvoice;
      // Base 100.00 + messages 3,000 × 0.01 = 30.00 → 130.00 charged; commitment 250.00 → true-up 120.00.
      expect(upcoming.lines.map((line) => [line.kind, line.amountMinor])).toEqual([
        ['BASE_FEE', '10000'],
        ['USAGE', '3000'],
        ['MINIMUM_COMMITMENT', '12000'],
      ]);

      await app.app.get(SubscriptionPeriods).rollOverdue(utc('2021-02-01T00:00:01'));

      const invoice = await ownerClient().invoice.findFirstOrThrow({
        where: { tenantId: tenant.id, periodStart: january.start },
        include: { lines: { orderBy: { position: 'asc' } } },
      });
      expect(invoice.subtotalMinor).toBe(25_000n);
      expect(invoice.lines.map((line) => [line.kind, line.amountMinor, line.description])).toEqual([
        ['BASE_FEE', 10_000n, 'Billing v1 base fee'],
        ['USAGE', 3000n, 'Messages (3,000 × 0.01)'],
        ['MINIMUM_COMMITMENT', 12_000n, 'Minimum commitment true-up (commitment 250.00, charges 130.00)'],
      ]);
      expect(invoice.lines[2].explain).toMatchObject({
        commitmentMinor: '25000',
        subtotalMinor: '13000',
        shortfallMinor: '12000',
      });
      // Back in a current period, so a rollover run of another suite has nothing of this tenant to close.
      await subscribeInPeriod(tenant.id, plan.planVersionId, {
        start: new Date(Date.now() - 86_400_000),
        end: new Date(Date.now() + 30 * 86_400_000),
      });
    });

    it('leaves out a commitment set in another currency than the invoice’s', async () => {
      const tenant = await newTenant();
      dataOf(await commit(tenant.id, '25000'));
      const euros = await billedPlan({ currency: 'EUR', baseFeeMinor: 1000n });
      await subscribeInPeriod(tenant.id, euros.planVersionId, {
        start: new Date(Date.now() - 86_400_000),
        end: new Date(Date.now() + 30 * 86_400_000),
      });
      const owner = (await signedInTenantMember(tenant.id, 'OWNER')).caller;

      const upcoming = dataOf(
        await graphql<{ upcomingInvoice: { lines: { kind: string }[] } }>(app, owner, SubscriptionOps.upcomingInvoice),
      ).upcomingInvoice;
      expect(upcoming.lines.map((line) => line.kind)).toEqual(['BASE_FEE']);
      expect((await spending(owner)).minimumCommitmentMinor).toBeNull();
      // Finance setting it again starts the terms afresh in euros.
      expect(dataOf(await commit(tenant.id, '30000')).setTenantMinimumCommitment).toMatchObject({
        currency: 'EUR',
        minimumCommitmentMinor: '30000',
      });
    });
  });

  describe('isolation', () => {
    it('keeps tenant B’s terms and spend from tenant A’s people', async () => {
      const [a, b] = [await newTenant(), await newTenant()];
      dataOf(await limit(b.id, '50000'));
      const bOwner = (await signedInTenantMember(b.id, 'OWNER')).caller;
      dataOf(await control(bOwner, '1000', '40000'));
      const aOwner = (await signedInTenantMember(a.id, 'OWNER')).caller;

      expect(outcome(await graphql(app, { ...aOwner, tenantId: b.id }, CommitmentOps.spending))).toBe(
        'FORBIDDEN:NOT_A_MEMBER',
      );
      expect(
        outcome(
          await graphql(app, { ...aOwner, tenantId: b.id }, CommitmentOps.setSpendingControls, { capMinor: '1' }),
        ),
      ).toBe('FORBIDDEN:NOT_A_MEMBER');
      expect(outcome(await graphql(app, aOwner, CommitmentOps.financeTenantBillingTerms, { tenantId: b.id }))).toBe(
        'FORBIDDEN',
      );
      // A's own controls are A's: B's row is untouched.
      dataOf(await control(aOwner, '7', '8'));
      expect(await spending(bOwner)).toMatchObject({ alertMinor: '1000', capMinor: '40000' });
      expect(await spending(aOwner)).toMatchObject({ alertMinor: '7', capMinor: '8', maxCapMinor: null });
    });
  });
});
