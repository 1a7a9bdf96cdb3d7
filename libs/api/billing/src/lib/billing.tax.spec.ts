import { SubscriptionPeriods } from '@warbler/api/catalog';
import {
  billedPlan,
  BillingOps,
  type Caller,
  callersOfEveryRole,
  closeOwnerClient,
  dataOf,
  EVERYONE,
  graphql,
  newTenant,
  outcome,
  ownerClient,
  signedInStaffAs,
  signedInTenantMember,
  startTestApp,
  subscribeInPeriod,
  type TenantTaxRateView,
  type TestApp,
  type Who,
} from '../testing';
import { BillingModule } from './billing.module';

const utc = (iso: string) => new Date(`${iso}Z`);

/*
 * Periods here lie in 2022, before the periods of the other suites that close periods (2023, 2025),
 * so no suite's rollover runs close another's subscriptions.
 */

describe('tenant tax rates', () => {
  let app: TestApp;
  let finance: { user: { id: string; email: string }; caller: Caller };

  const setRate = (tenantId: string, taxRatePercent: string | null, caller: Caller | null = finance.caller) =>
    graphql<{ setTenantTaxRate: TenantTaxRateView }>(app, caller, BillingOps.setTenantTaxRate, {
      tenantId,
      taxRatePercent,
    });
  const storedRate = async (tenantId: string) =>
    (await ownerClient().tenant.findUniqueOrThrow({ where: { id: tenantId } })).taxRatePercent?.toFixed() ?? null;
  const rateEvents = (tenantId: string) =>
    ownerClient().auditEvent.findMany({
      where: { tenantId, action: 'tenant.tax_rate_changed' },
      orderBy: { seq: 'asc' },
    });

  beforeAll(async () => {
    app = await startTestApp([BillingModule]);
    finance = await signedInStaffAs('FINANCE');
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
  });

  describe('setting it', () => {
    it('sets, changes and clears the rate, auditing each change in the tenant’s log', async () => {
      const tenant = await newTenant({ name: 'Taxed Co' });

      const set = dataOf(await setRate(tenant.id, '7.50')).setTenantTaxRate;
      expect(set).toEqual({ tenantId: tenant.id, tenantName: 'Taxed Co', taxRatePercent: '7.5' });
      expect(await storedRate(tenant.id)).toBe('7.5');

      expect(dataOf(await setRate(tenant.id, ' 20 ')).setTenantTaxRate.taxRatePercent).toBe('20');
      expect(dataOf(await setRate(tenant.id, null)).setTenantTaxRate.taxRatePercent).toBeNull();
      expect(await storedRate(tenant.id)).toBeNull();

      expect(
        (await rateEvents(tenant.id)).map((event) => [
          event.actorUserId,
          event.targetType,
          event.targetId,
          event.changes,
        ]),
      ).toEqual([
        [finance.user.id, 'Tenant', tenant.id, { taxRatePercent: { before: null, after: '7.5' } }],
        [finance.user.id, 'Tenant', tenant.id, { taxRatePercent: { before: '7.5', after: '20' } }],
        [finance.user.id, 'Tenant', tenant.id, { taxRatePercent: { before: '20', after: null } }],
      ]);
    });

    it('records nothing when the rate does not change', async () => {
      const tenant = await newTenant();
      dataOf(await setRate(tenant.id, '19'));

      expect(dataOf(await setRate(tenant.id, '19.0000')).setTenantTaxRate.taxRatePercent).toBe('19');

      expect(await rateEvents(tenant.id)).toHaveLength(1);
    });

    it.each(['-1', '100.5', '101', '12.34567', 'twenty', '1e1', '', '20 %'])(
      'refuses %j with BAD_USER_INPUT, changing nothing',
      async (taxRatePercent) => {
        const tenant = await newTenant();
        dataOf(await setRate(tenant.id, '10'));

        expect(outcome(await setRate(tenant.id, taxRatePercent))).toBe('BAD_USER_INPUT:INVALID_TAX_RATE');

        expect(await storedRate(tenant.id)).toBe('10');
        expect(await rateEvents(tenant.id)).toHaveLength(1);
      },
    );

    it('answers NOT_FOUND for an unknown tenant and BAD_USER_INPUT for a malformed id', async () => {
      expect(outcome(await setRate('019ab000-0000-7000-8000-00000000beef', '10'))).toBe('NOT_FOUND');
      expect(outcome(await setRate('not-a-tenant', '10'))).toBe('BAD_USER_INPUT:VALIDATION_FAILED');
    });
  });

  it('applies to the invoices drafted afterwards, never to one already drafted', async () => {
    const tenant = await newTenant();
    const plan = await billedPlan({ baseFeeMinor: 10_000n });
    const periods = app.app.get(SubscriptionPeriods);
    const invoices = () =>
      ownerClient().invoice.findMany({ where: { tenantId: tenant.id }, orderBy: { periodStart: 'asc' } });
    dataOf(await setRate(tenant.id, '7.5'));
    await subscribeInPeriod(tenant.id, plan.planVersionId, {
      start: utc('2022-01-01T00:00:00'),
      end: utc('2022-02-01T00:00:00'),
    });

    await periods.rollOverdue(utc('2022-02-01T00:00:01'));
    dataOf(await setRate(tenant.id, '20'));
    await periods.rollOverdue(utc('2022-03-01T00:00:01'));
    dataOf(await setRate(tenant.id, null));
    await periods.rollOverdue(utc('2022-04-01T00:00:01'));

    expect(
      (await invoices()).map((invoice) => [
        invoice.periodStart.toISOString().slice(0, 7),
        invoice.taxRatePercent?.toFixed() ?? null,
        invoice.subtotalMinor,
        invoice.taxMinor,
        invoice.totalMinor,
      ]),
    ).toEqual([
      // 100.00 × 7.5 % = 7.50
      ['2022-01', '7.5', 10_000n, 750n, 10_750n],
      // 100.00 × 20 % = 20.00
      ['2022-02', '20', 10_000n, 2000n, 12_000n],
      ['2022-03', null, 10_000n, 0n, 10_000n],
    ]);
    // Back in a current period, so a rollover run of another suite has nothing of this tenant to close.
    await subscribeInPeriod(tenant.id, plan.planVersionId, {
      start: new Date(Date.now() - 24 * 3600 * 1000),
      end: new Date(Date.now() + 30 * 24 * 3600 * 1000),
    });
  });

  describe('reading it', () => {
    it('shows the tenant its own rate, and finance any tenant’s', async () => {
      const [a, b] = [await newTenant({ name: 'A' }), await newTenant({ name: 'B' })];
      dataOf(await setRate(a.id, '8.25'));
      dataOf(await setRate(b.id, '21'));
      const admin = (await signedInTenantMember(a.id, 'BILLING_ADMIN')).caller;

      expect(dataOf(await graphql<{ tenantTaxRate: TenantTaxRateView }>(app, admin, BillingOps.tenantTaxRate))).toEqual(
        {
          tenantTaxRate: { tenantId: a.id, tenantName: 'A', taxRatePercent: '8.25' },
        },
      );
      expect(
        dataOf(
          await graphql<{ financeTenantTaxRate: TenantTaxRateView }>(
            app,
            finance.caller,
            BillingOps.financeTenantTaxRate,
            {
              tenantId: b.id,
            },
          ),
        ).financeTenantTaxRate,
      ).toEqual({ tenantId: b.id, tenantName: 'B', taxRatePercent: '21' });
    });

    it('keeps tenant B’s rate from tenant A’s people', async () => {
      const [a, b] = [await newTenant(), await newTenant()];
      dataOf(await setRate(b.id, '21'));
      const owner = (await signedInTenantMember(a.id, 'OWNER')).caller;

      expect(outcome(await graphql(app, { ...owner, tenantId: b.id }, BillingOps.tenantTaxRate))).toBe(
        'FORBIDDEN:NOT_A_MEMBER',
      );
      expect(outcome(await graphql(app, owner, BillingOps.financeTenantTaxRate, { tenantId: b.id }))).toBe('FORBIDDEN');
      expect(outcome(await setRate(b.id, '0', owner))).toBe('FORBIDDEN');
      expect(await storedRate(b.id)).toBe('21');
    });
  });

  describe('who may do what', () => {
    const OK = 'OK';
    const NO = 'FORBIDDEN';
    const MFA = 'MFA_REQUIRED:MFA_ENROLMENT_REQUIRED';
    const ANON = 'UNAUTHENTICATED';
    const rows: [string, string, (tenantId: string) => Record<string, unknown>, string[]][] = [
      [
        'setTenantTaxRate',
        BillingOps.setTenantTaxRate,
        (tenantId) => ({ tenantId, taxRatePercent: '5' }),
        [NO, NO, OK, NO, NO, NO, NO, MFA, ANON],
      ],
      [
        'financeTenantTaxRate',
        BillingOps.financeTenantTaxRate,
        (tenantId) => ({ tenantId }),
        [OK, NO, OK, NO, NO, NO, NO, MFA, ANON],
      ],
      ['tenantTaxRate', BillingOps.tenantTaxRate, () => ({}), [NO, NO, NO, OK, OK, OK, NO, MFA, ANON]],
    ];
    let tenantId: string;
    let callers: Map<Who, Caller | null>;

    beforeAll(async () => {
      tenantId = (await newTenant()).id;
      callers = await callersOfEveryRole(tenantId);
    });

    const cells = rows.flatMap(([operation, query, variables, expected]) =>
      EVERYONE.map((who, index) => [operation, who, expected[index], query, variables] as const),
    );

    it.each(cells)('%s by %s: %s', async (_operation, who, expected, query, variables) => {
      const before = await ownerClient().tenant.findUniqueOrThrow({ where: { id: tenantId } });
      const events = await ownerClient().auditEvent.count({ where: { tenantId } });

      const answer = await graphql(app, callers.get(who) ?? null, query, variables(tenantId));

      expect(outcome(answer)).toBe(expected);
      if (expected !== OK) {
        expect(await ownerClient().tenant.findUniqueOrThrow({ where: { id: tenantId } })).toEqual(before);
        expect(await ownerClient().auditEvent.count({ where: { tenantId } })).toBe(events);
      }
    });
  });
});
