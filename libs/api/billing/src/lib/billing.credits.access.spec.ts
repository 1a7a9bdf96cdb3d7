import { randomUUID } from 'node:crypto';
import {
  BillingOps,
  type Caller,
  callersOfEveryRole,
  closeOwnerClient,
  type CreditGrantView,
  type CreditLedgerView,
  CreditOps,
  dataOf,
  draftInvoice,
  EVERYONE,
  graphql,
  type InvoiceView,
  newTenant,
  outcome,
  ownerClient,
  signedInStaffAs,
  signedInTenantMember,
  startTestApp,
  type TenantCreditsView,
  type TestApp,
  type Who,
} from '../testing';
import { BillingModule } from './billing.module';

const NO_MFA = 'MFA_REQUIRED:MFA_ENROLMENT_REQUIRED';
const TENANT_READERS = [
  'FORBIDDEN',
  'FORBIDDEN',
  'FORBIDDEN',
  'OK',
  'OK',
  'OK',
  'FORBIDDEN',
  NO_MFA,
  'UNAUTHENTICATED',
];
const FINANCE_AND_ADMINS = [
  'OK',
  'FORBIDDEN',
  'OK',
  'FORBIDDEN',
  'FORBIDDEN',
  'FORBIDDEN',
  'FORBIDDEN',
  NO_MFA,
  'UNAUTHENTICATED',
];

/**
 * Who may do what with credits: finance and platform admins grant, revoke and read any tenant's;
 * a tenant's owners, admins and billing admins read their own (members see no billing, as for
 * invoices); support reaches credits only by viewing a tenant as one of its members.
 */
describe('prepaid credit access', () => {
  let app: TestApp;
  let finance: Caller;

  const grantTo = async (tenantId: string, caller: Caller | null = finance) =>
    graphql<{ grantCredits: CreditGrantView }>(app, caller, CreditOps.grantCredits, {
      input: { tenantId, kind: 'PAID', currency: 'USD', amountMinor: '1000', reason: 'Pack' },
      idempotencyKey: randomUUID(),
    });
  const stateOf = async (tenantId: string) => ({
    grants: await ownerClient().creditGrant.findMany({ where: { tenantId }, orderBy: { id: 'asc' } }),
    ledger: await ownerClient().creditLedgerEntry.count({ where: { tenantId } }),
    events: await ownerClient().auditEvent.count({ where: { tenantId } }),
  });

  beforeAll(async () => {
    app = await startTestApp([BillingModule]);
    finance = (await signedInStaffAs('FINANCE')).caller;
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
  });

  describe('role matrix', () => {
    let tenantId: string;
    let callers: Map<Who, Caller | null>;

    beforeAll(async () => {
      tenantId = (await newTenant()).id;
      callers = await callersOfEveryRole(tenantId);
      dataOf(await grantTo(tenantId));
    });

    const rows = (expected: string[]) => EVERYONE.map((who, index) => [who, expected[index]] as const);

    it.each(rows(TENANT_READERS))('credits by %s: %s', async (who, expected) => {
      expect(outcome(await graphql(app, callers.get(who) ?? null, CreditOps.credits))).toBe(expected);
    });

    it.each(rows(TENANT_READERS))('creditLedger by %s: %s', async (who, expected) => {
      expect(outcome(await graphql(app, callers.get(who) ?? null, CreditOps.creditLedger))).toBe(expected);
    });

    it.each(rows(FINANCE_AND_ADMINS))('financeTenantCredits by %s: %s', async (who, expected) => {
      const answer = await graphql(app, callers.get(who) ?? null, CreditOps.financeTenantCredits, { tenantId });
      expect(outcome(answer)).toBe(expected);
    });

    it.each(rows(FINANCE_AND_ADMINS))('financeCreditLedger by %s: %s', async (who, expected) => {
      const answer = await graphql(app, callers.get(who) ?? null, CreditOps.financeCreditLedger, { tenantId });
      expect(outcome(answer)).toBe(expected);
    });

    it.each(rows(FINANCE_AND_ADMINS))('grantCredits by %s: %s', async (who, expected) => {
      const before = await stateOf(tenantId);

      const answer = await grantTo(tenantId, callers.get(who) ?? null);

      expect(outcome(answer)).toBe(expected);
      if (expected === 'OK') {
        expect(dataOf(answer).grantCredits.grantedByRole).toBe(who);
      } else {
        expect(await stateOf(tenantId)).toEqual(before);
      }
    });

    it.each(rows(FINANCE_AND_ADMINS))('revokeCreditGrant by %s: %s', async (who, expected) => {
      const unused = dataOf(await grantTo(tenantId)).grantCredits;
      const before = await stateOf(tenantId);

      const answer = await graphql(app, callers.get(who) ?? null, CreditOps.revokeCreditGrant, {
        tenantId,
        grantId: unused.id,
        reason: 'Wrong tenant',
      });

      expect(outcome(answer)).toBe(expected);
      if (expected !== 'OK') expect(await stateOf(tenantId)).toEqual(before);
    });
  });

  describe('isolation', () => {
    let a: { tenantId: string; admin: Caller; grantId: string };
    let b: { tenantId: string; grantId: string; invoiceId: string };

    beforeAll(async () => {
      const [tenantA, tenantB] = [await newTenant(), await newTenant()];
      a = {
        tenantId: tenantA.id,
        admin: (await signedInTenantMember(tenantA.id, 'ADMIN')).caller,
        grantId: dataOf(await grantTo(tenantA.id)).grantCredits.id,
      };
      const grantB = dataOf(await grantTo(tenantB.id)).grantCredits;
      const invoiceB = dataOf(
        await graphql<{ finalizeInvoice: InvoiceView }>(app, finance, BillingOps.finalizeInvoice, {
          id: (await draftInvoice(tenantB.id, 400n)).id,
        }),
      ).finalizeInvoice;
      b = { tenantId: tenantB.id, grantId: grantB.id, invoiceId: invoiceB.id };
    });

    it('shows a tenant its own grants, balances and ledger only', async () => {
      const credits = dataOf(await graphql<{ credits: TenantCreditsView }>(app, a.admin, CreditOps.credits)).credits;
      expect(credits.tenantId).toBe(a.tenantId);
      expect(credits.grants.map((grant) => grant.id)).toEqual([a.grantId]);
      const ledger = dataOf(
        await graphql<{ creditLedger: CreditLedgerView }>(app, a.admin, CreditOps.creditLedger),
      ).creditLedger;
      expect(ledger.edges.map((edge) => edge.node.grantId)).toEqual([a.grantId]);
    });

    it('row-level security hides B’s grants and movements from A’s transactions, and A cannot write any', async () => {
      const seen = await app.db.forTenant({ tenantId: a.tenantId }).transaction(async (tx) => ({
        grants: await tx.creditGrant.findMany({ select: { tenantId: true } }),
        ledger: await tx.creditLedgerEntry.findMany({ select: { tenantId: true } }),
        byId: await tx.creditGrant.findFirst({ where: { id: b.grantId } }),
      }));
      expect(new Set([...seen.grants, ...seen.ledger].map((row) => row.tenantId))).toEqual(new Set([a.tenantId]));
      expect(seen.byId).toBeNull();
      await expect(
        app.db.forTenant({ tenantId: a.tenantId }).transaction((tx) =>
          tx.creditLedgerEntry.create({
            data: {
              tenantId: a.tenantId,
              grantId: a.grantId,
              kind: 'GRANTED',
              currency: 'USD',
              amountMinor: 1n,
              balanceAfterMinor: 1n,
            },
          }),
        ),
      ).rejects.toThrow(/permission denied/);
    });

    it('answers NOT_FOUND when finance names a grant with another tenant', async () => {
      const answer = await graphql(app, finance, CreditOps.revokeCreditGrant, {
        tenantId: a.tenantId,
        grantId: b.grantId,
        reason: 'Mixed up',
      });
      expect(outcome(answer)).toBe('NOT_FOUND');
      expect((await ownerClient().creditGrant.findFirstOrThrow({ where: { id: b.grantId } })).revokedAt).toBeNull();
    });

    it('keeps B’s invoice, and the credits that paid it, from A', async () => {
      expect(outcome(await graphql(app, a.admin, BillingOps.invoice, { id: b.invoiceId }))).toBe('NOT_FOUND');
      const own = dataOf(await graphql<{ credits: TenantCreditsView }>(app, a.admin, CreditOps.credits)).credits;
      expect(own.balances).toEqual([
        { currency: 'USD', availableMinor: '1000', nextExpiryAt: null, nextExpiryMinor: null },
      ]);
    });

    it('answers NOT_FOUND for an unknown tenant on the finance side', async () => {
      const answer = await graphql(app, finance, CreditOps.financeTenantCredits, { tenantId: randomUUID() });
      expect(outcome(answer)).toBe('NOT_FOUND');
    });
  });
});
