import { randomUUID } from 'node:crypto';
import { PeriodicJobs } from '@warbler/api/core';
import {
  BillingOps,
  type Caller,
  closeOwnerClient,
  type CreditGrantView,
  type CreditLedgerView,
  CreditOps,
  dataOf,
  draftInvoiceWith,
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
} from '../testing';
import { BillingModule } from './billing.module';
import { CreditExpiryJob } from './credits/credit-expiry-job';

const DAY_MS = 24 * 60 * 60 * 1000;
const inDays = (days: number) => new Date(Date.now() + days * DAY_MS);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('prepaid credits', () => {
  let app: TestApp;
  let finance: { user: { id: string; email: string }; caller: Caller };

  const grant = async (
    tenantId: string,
    terms: { amountMinor: string; kind?: string; currency?: string; reason?: string; expiresAt?: Date | null },
  ) =>
    dataOf(
      await graphql<{ grantCredits: CreditGrantView }>(app, finance.caller, CreditOps.grantCredits, {
        input: {
          tenantId,
          kind: terms.kind ?? 'PAID',
          currency: terms.currency ?? 'USD',
          amountMinor: terms.amountMinor,
          reason: terms.reason ?? 'Prepaid pack',
          expiresAt: terms.expiresAt?.toISOString() ?? null,
        },
        idempotencyKey: randomUUID(),
      }),
    ).grantCredits;
  /** A draft of `netMinor` in one line, taxed at 10 %. */
  const draftOf = (tenantId: string, netMinor: bigint) =>
    draftInvoiceWith(tenantId, { taxRatePercent: '10', lines: [{ description: 'Base fee', amountMinor: netMinor }] });
  const finalize = (id: string) =>
    graphql<{ finalizeInvoice: InvoiceView }>(app, finance.caller, BillingOps.finalizeInvoice, { id });
  const finalized = async (id: string) => dataOf(await finalize(id)).finalizeInvoice;
  const voidIt = async (id: string) =>
    dataOf(
      await graphql<{ voidInvoice: InvoiceView }>(app, finance.caller, BillingOps.voidInvoice, {
        id,
        reason: 'Billed the wrong period',
      }),
    ).voidInvoice;
  const creditsOf = async (tenantId: string) =>
    dataOf(
      await graphql<{ financeTenantCredits: TenantCreditsView }>(app, finance.caller, CreditOps.financeTenantCredits, {
        tenantId,
      }),
    ).financeTenantCredits;
  const ledgerOf = async (tenantId: string) =>
    dataOf(
      await graphql<{ financeCreditLedger: CreditLedgerView }>(app, finance.caller, CreditOps.financeCreditLedger, {
        tenantId,
        first: 100,
      }),
    )
      .financeCreditLedger.edges.map((edge) => edge.node)
      .reverse();
  const remainingOf = async (grantId: string) =>
    (await ownerClient().creditGrant.findFirstOrThrow({ where: { id: grantId } })).remainingMinor;
  const expiryJob = () => app.app.get(CreditExpiryJob);
  /** Resolves once another session waits for a row lock on credit_grants (read or write). */
  const waitForLockOnGrants = async () => {
    for (let tries = 0; tries < 200; tries++) {
      const [{ waiting }] = await ownerClient().$queryRaw<{ waiting: number }[]>`
        SELECT count(*)::int AS waiting FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE '%credit_grants%'`;
      if (waiting > 0) return;
      await sleep(50);
    }
    throw new Error('nothing waited for the grant');
  };

  beforeAll(async () => {
    app = await startTestApp([BillingModule]);
    finance = await signedInStaffAs('FINANCE');
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
  });

  it('golden: credits span two invoices, expiring in between, and payments settle what is left due', async () => {
    const tenant = await newTenant();
    const promo = await grant(tenant.id, {
      kind: 'PROMOTIONAL',
      amountMinor: '10000',
      reason: 'Launch promotion',
      expiresAt: inDays(10),
    });
    const pack = await grant(tenant.id, { amountMinor: '8000', reason: 'Prepaid pack' });
    const euros = await grant(tenant.id, { amountMinor: '2000', currency: 'EUR', reason: 'EUR pack' });

    // Invoice 1: 70.00 + 10 % tax = 77.00. The promotion expires first, so it pays all of it: 100.00 − 77.00 = 23.00 left.
    const first = await finalized((await draftOf(tenant.id, 7000n)).id);
    expect(first).toMatchObject({
      status: 'PAID',
      totalMinor: '7700',
      creditsAppliedMinor: '7700',
      amountDueMinor: '0',
      credits: [{ grantId: promo.id, grantKind: 'PROMOTIONAL', appliedMinor: '7700', restoredMinor: '0' }],
    });
    expect(first.paidAt).toBe(first.issuedAt);

    // Eleven days on, the 23.00 left of the promotion lapses.
    await expiryJob().run(inDays(11));
    expect(await remainingOf(promo.id)).toBe(0n);

    // Invoice 2: 90.00 + 10 % = 99.00. Only the pack (80.00) pays; the EUR grant never pays USD: 19.00 due.
    const second = await finalized((await draftOf(tenant.id, 9000n)).id);
    expect(second).toMatchObject({
      status: 'OPEN',
      totalMinor: '9900',
      creditsAppliedMinor: '8000',
      amountDueMinor: '1900',
      credits: [{ grantId: pack.id, grantKind: 'PAID', appliedMinor: '8000' }],
    });

    // Payments are against the 19.00 due, not the 99.00 total.
    const over = await graphql(app, finance.caller, BillingOps.recordInvoicePayment, {
      id: second.id,
      amountMinor: '1901',
      method: 'BANK_TRANSFER',
    });
    expect(outcome(over)).toBe('BAD_USER_INPUT:OVERPAYMENT');
    expect(over.errors?.[0].extensions).toMatchObject({ details: { amountDueMinor: '1900' } });
    const paid = dataOf(
      await graphql<{ recordInvoicePayment: InvoiceView }>(app, finance.caller, BillingOps.recordInvoicePayment, {
        id: second.id,
        amountMinor: '1900',
        method: 'BANK_TRANSFER',
      }),
    ).recordInvoicePayment;
    expect(paid).toMatchObject({ status: 'PAID', amountPaidMinor: '1900', amountDueMinor: '0' });

    expect(await ledgerOf(tenant.id)).toEqual([
      expect.objectContaining({ grantId: promo.id, kind: 'GRANTED', amountMinor: '10000', balanceAfterMinor: '10000' }),
      expect.objectContaining({ grantId: pack.id, kind: 'GRANTED', amountMinor: '8000', balanceAfterMinor: '8000' }),
      expect.objectContaining({ grantId: euros.id, kind: 'GRANTED', currency: 'EUR', amountMinor: '2000' }),
      expect.objectContaining({
        grantId: promo.id,
        kind: 'APPLIED',
        amountMinor: '-7700',
        balanceAfterMinor: '2300',
        invoiceId: first.id,
        invoiceNumber: first.number,
      }),
      expect.objectContaining({ grantId: promo.id, kind: 'EXPIRED', amountMinor: '-2300', balanceAfterMinor: '0' }),
      expect.objectContaining({ grantId: pack.id, kind: 'APPLIED', amountMinor: '-8000', balanceAfterMinor: '0' }),
    ]);
    const credits = await creditsOf(tenant.id);
    expect(credits.balances).toEqual([
      { currency: 'EUR', availableMinor: '2000', nextExpiryAt: null, nextExpiryMinor: null },
    ]);
    expect(Object.fromEntries(credits.grants.map((each) => [each.reason, each.status]))).toEqual({
      'Launch promotion': 'EXPIRED',
      'Prepaid pack': 'USED_UP',
      'EUR pack': 'ACTIVE',
    });

    const actions = (
      await ownerClient().auditEvent.findMany({ where: { tenantId: tenant.id }, orderBy: { seq: 'asc' } })
    ).map(
      (event) =>
        `${event.action} ${event.targetId === promo.id ? 'promo' : event.targetId === pack.id ? 'pack' : event.targetType}`,
    );
    expect(actions).toEqual([
      'credit.granted promo',
      'credit.granted pack',
      'credit.granted CreditGrant',
      'credit.applied promo',
      'invoice.finalized Invoice',
      'credit.expired promo',
      'credit.applied pack',
      'invoice.finalized Invoice',
      'invoice.payment_recorded Invoice',
    ]);
  });

  it('spends grants soonest expiry first, then the oldest, and never more than the total', async () => {
    const tenant = await newTenant();
    const forever = await grant(tenant.id, { amountMinor: '5000', reason: 'Never expires' });
    const later = await grant(tenant.id, { amountMinor: '1000', reason: 'Later', expiresAt: inDays(30) });
    const sooner = await grant(tenant.id, { amountMinor: '1000', reason: 'Sooner', expiresAt: inDays(5) });

    // 20.00 + 10 % = 22.00: sooner 10.00, later 10.00, then 2.00 of the one that never expires.
    const invoice = await finalized((await draftOf(tenant.id, 2000n)).id);

    expect(invoice.credits.map((credit) => [credit.grantId, credit.appliedMinor])).toEqual([
      [sooner.id, '1000'],
      [later.id, '1000'],
      [forever.id, '200'],
    ]);
    expect(await remainingOf(forever.id)).toBe(4800n);
    expect((await creditsOf(tenant.id)).balances).toEqual([
      { currency: 'USD', availableMinor: '4800', nextExpiryAt: null, nextExpiryMinor: null },
    ]);
  });

  it('never spends a grant past its expiry, even before the expiry job has reached it', async () => {
    const tenant = await newTenant();
    const lapsing = await grant(tenant.id, { amountMinor: '5000', expiresAt: new Date(Date.now() + 1500) });
    await sleep(1600);

    const invoice = await finalized((await draftOf(tenant.id, 1000n)).id);

    expect(invoice).toMatchObject({ status: 'OPEN', creditsAppliedMinor: '0', amountDueMinor: '1100', credits: [] });
    expect(await remainingOf(lapsing.id)).toBe(5000n);
    expect((await creditsOf(tenant.id)).grants[0].status).toBe('EXPIRED');
  });

  describe('voiding', () => {
    it('gives each grant back exactly what the invoice took from it', async () => {
      const tenant = await newTenant();
      const a = await grant(tenant.id, { amountMinor: '3000', reason: 'A', expiresAt: inDays(3) });
      const b = await grant(tenant.id, { amountMinor: '3000', reason: 'B' });
      // 50.00 + 10 % = 55.00: A 30.00, B 25.00 → the invoice is paid by credits alone.
      const paidByCredits = await finalized((await draftOf(tenant.id, 5000n)).id);
      expect(paidByCredits).toMatchObject({ status: 'PAID', creditsAppliedMinor: '5500' });

      const voided = await voidIt(paidByCredits.id);

      expect(voided).toMatchObject({ status: 'VOID', paidAt: null, creditsAppliedMinor: '5500', amountDueMinor: '0' });
      expect(voided.credits).toEqual([
        expect.objectContaining({ grantId: a.id, appliedMinor: '3000', restoredMinor: '3000' }),
        expect.objectContaining({ grantId: b.id, appliedMinor: '2500', restoredMinor: '2500' }),
      ]);
      expect([await remainingOf(a.id), await remainingOf(b.id)]).toEqual([3000n, 3000n]);
      // Grants are locked, and so given back, in id order.
      const restored = (await ledgerOf(tenant.id)).slice(-2);
      expect(restored).toHaveLength(2);
      expect(restored).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ grantId: a.id, kind: 'RESTORED', amountMinor: '3000', invoiceId: voided.id }),
          expect.objectContaining({ grantId: b.id, kind: 'RESTORED', amountMinor: '2500', invoiceId: voided.id }),
        ]),
      );
      const audit = await ownerClient().auditEvent.findMany({
        where: { tenantId: tenant.id },
        orderBy: { seq: 'asc' },
      });
      expect(audit.slice(-3).map((event) => event.action)).toEqual([
        'credit.restored',
        'credit.restored',
        'invoice.voided',
      ]);
    });

    it('restores to a grant that has expired meanwhile and expires it again at once', async () => {
      const tenant = await newTenant();
      const lapsing = await grant(tenant.id, { amountMinor: '3000', expiresAt: new Date(Date.now() + 2500) });
      // 40.00 + 10 % = 44.00: the grant pays 30.00, 14.00 stay due.
      const invoice = await finalized((await draftOf(tenant.id, 4000n)).id);
      expect(invoice).toMatchObject({ status: 'OPEN', creditsAppliedMinor: '3000', amountDueMinor: '1400' });
      await sleep(2600);

      await voidIt(invoice.id);

      expect(
        (await ledgerOf(tenant.id)).map((entry) => [entry.kind, entry.amountMinor, entry.balanceAfterMinor]),
      ).toEqual([
        ['GRANTED', '3000', '3000'],
        ['APPLIED', '-3000', '0'],
        ['RESTORED', '3000', '3000'],
        ['EXPIRED', '-3000', '0'],
      ]);
      expect(await remainingOf(lapsing.id)).toBe(0n);
      await expiryJob().run();
      expect(await ownerClient().creditLedgerEntry.count({ where: { tenantId: tenant.id } })).toBe(4);
    });

    it('still refuses an invoice with a payment: received money needs a credit note', async () => {
      const tenant = await newTenant();
      await grant(tenant.id, { amountMinor: '1000' });
      const invoice = await finalized((await draftOf(tenant.id, 2000n)).id);
      await graphql(app, finance.caller, BillingOps.recordInvoicePayment, {
        id: invoice.id,
        amountMinor: '500',
        method: 'CARD',
      });

      const refused = await graphql(app, finance.caller, BillingOps.voidInvoice, { id: invoice.id, reason: 'No' });

      expect(outcome(refused)).toBe('CONFLICT:INVOICE_HAS_PAYMENTS');
      expect((await ledgerOf(tenant.id)).map((entry) => entry.kind)).toEqual(['GRANTED', 'APPLIED']);
    });
  });

  it('a credit note lowers only what is still due after credits', async () => {
    const tenant = await newTenant();
    await grant(tenant.id, { amountMinor: '4000' });
    // 50.00 + 10 % = 55.00; credits 40.00; 15.00 due.
    const draft = await draftOf(tenant.id, 5000n);
    const invoice = await finalized(draft.id);
    const credit = (amountMinor: string) =>
      graphql(app, finance.caller, BillingOps.issueCreditNote, {
        input: {
          invoiceId: invoice.id,
          reason: 'BILLING_ERROR',
          lines: [{ invoiceLineId: draft.lines[0].id, amountMinor }],
        },
        idempotencyKey: randomUUID(),
      });

    // 14.00 + 10 % = 15.40 would pass the 15.00 due.
    expect(outcome(await credit('1400'))).toBe('BAD_USER_INPUT:CREDIT_EXCEEDS_AMOUNT_DUE');
    // 10.00 + 10 % = 11.00: 4.00 left due.
    expect(outcome(await credit('1000'))).toBe('OK');
    const stored = await ownerClient().invoice.findFirstOrThrow({ where: { id: invoice.id } });
    expect(stored).toMatchObject({ status: 'OPEN', creditsAppliedMinor: 4000n, amountCreditedMinor: 1100n });
  });

  it('two invoices of one tenant finalized at once never spend a grant twice', async () => {
    const tenant = await newTenant();
    const only = await grant(tenant.id, { amountMinor: '10000' });
    // Five invoices of 30.00 + 10 % = 33.00 each want 165.00 of a 100.00 grant.
    const drafts = await Promise.all([1, 2, 3, 4, 5].map(() => draftOf(tenant.id, 3000n)));

    const issued = await Promise.all(drafts.map(async (draft) => finalized(draft.id)));

    const applied = issued.map((invoice) => BigInt(invoice.creditsAppliedMinor));
    expect(applied.reduce((sum, each) => sum + each, 0n)).toBe(10000n);
    expect(applied.every((each) => each >= 0n && each <= 3300n)).toBe(true);
    expect(await remainingOf(only.id)).toBe(0n);
    const balances = (await ledgerOf(tenant.id)).map((entry) => BigInt(entry.balanceAfterMinor));
    expect(balances.every((balance) => balance >= 0n)).toBe(true);
    // 100.00 = 3 × 33.00 + 1.00: three invoices paid in full, one by 1.00, one not at all.
    expect([...applied].sort((x, y) => Number(x - y))).toEqual([0n, 100n, 3300n, 3300n, 3300n]);
  });

  it('waits for a movement in flight on a grant, then spends only what that movement left', async () => {
    const tenant = await newTenant();
    const only = await grant(tenant.id, { amountMinor: '5000' });
    const draft = await draftOf(tenant.id, 3000n);
    let finalizing: Promise<InvoiceView> | undefined;

    // Another unit of work holds the grant, takes 40.00 of it and commits while the finalization waits.
    await ownerClient().$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM credit_grants WHERE tenant_id = ${tenant.id}::uuid AND id = ${only.id}::uuid FOR UPDATE`;
      finalizing = finalized(draft.id);
      await waitForLockOnGrants();
      await tx.$executeRaw`UPDATE credit_grants SET remaining_minor = 1000 WHERE tenant_id = ${tenant.id}::uuid AND id = ${only.id}::uuid`;
      await tx.creditLedgerEntry.create({
        data: {
          tenantId: tenant.id,
          grantId: only.id,
          kind: 'EXPIRED',
          currency: 'USD',
          amountMinor: -4000n,
          balanceAfterMinor: 1000n,
        },
      });
    });
    const invoice = await (finalizing as Promise<InvoiceView>);

    // 33.00 due, 10.00 left after the other movement: 10.00 applied, 23.00 due, the grant spent, its ledger adding up.
    expect(invoice).toMatchObject({ creditsAppliedMinor: '1000', amountDueMinor: '2300' });
    expect(await remainingOf(only.id)).toBe(0n);
    expect((await ledgerOf(tenant.id)).map((entry) => entry.balanceAfterMinor)).toEqual(['5000', '1000', '0']);
  });

  describe('the expiry job', () => {
    it('expires each lapsed balance exactly once, however many runs overlap', async () => {
      const tenant = await newTenant();
      const grants = await Promise.all(
        [1, 2, 3].map((n) => grant(tenant.id, { amountMinor: `${n}000`, expiresAt: inDays(n) })),
      );
      const keeps = await grant(tenant.id, { amountMinor: '500', expiresAt: inDays(30) });

      const runs = await Promise.all([1, 2, 3].map(() => expiryJob().run(inDays(4))));

      // Other tests' tenants may have lapsed grants too; of this tenant's, each expired once in all.
      const expired = await ownerClient().creditLedgerEntry.findMany({
        where: { tenantId: tenant.id, kind: 'EXPIRED' },
      });
      expect(expired.map((entry) => [entry.grantId, entry.amountMinor]).sort()).toEqual(
        grants.map((each) => [each.id, -BigInt(each.amountMinor)]).sort(),
      );
      expect(runs.reduce((sum, count) => sum + count, 0)).toBeGreaterThanOrEqual(3);
      expect(await remainingOf(keeps.id)).toBe(500n);
      await expiryJob().run(inDays(4));
      expect(await ownerClient().creditLedgerEntry.count({ where: { tenantId: tenant.id, kind: 'EXPIRED' } })).toBe(3);
      const audit = await ownerClient().auditEvent.findMany({
        where: { tenantId: tenant.id, action: 'credit.expired' },
      });
      expect(audit).toHaveLength(3);
    });

    it('is registered as a periodic job, so one instance at a time runs it', async () => {
      expect(await app.app.get(PeriodicJobs).runNow('credit-expiry')).toBe(true);
    });
  });

  describe('granting', () => {
    it('grants once per idempotency key, even when retries race, and audits the grant', async () => {
      const tenant = await newTenant();
      const input = { tenantId: tenant.id, kind: 'PROMOTIONAL', currency: 'usd', amountMinor: '2500', reason: 'Sorry' };
      const idempotencyKey = randomUUID();
      const send = () =>
        graphql<{ grantCredits: CreditGrantView }>(app, finance.caller, CreditOps.grantCredits, {
          input,
          idempotencyKey,
        });

      const answers = await Promise.all([send(), send(), send()]);

      expect(new Set(answers.map((answer) => dataOf(answer).grantCredits.id)).size).toBe(1);
      expect(dataOf(answers[0]).grantCredits).toMatchObject({
        currency: 'USD',
        amountMinor: '2500',
        remainingMinor: '2500',
        status: 'ACTIVE',
        grantedByRole: 'FINANCE',
      });
      expect(await ownerClient().creditGrant.count({ where: { tenantId: tenant.id } })).toBe(1);
      expect(await ownerClient().creditLedgerEntry.count({ where: { tenantId: tenant.id } })).toBe(1);
      const [event] = await ownerClient().auditEvent.findMany({ where: { tenantId: tenant.id } });
      expect(event).toMatchObject({ action: 'credit.granted', actorUserId: finance.user.id });
      expect(event.changes).toMatchObject({ grant: { after: { amountMinor: '2500', idempotencyKey } } });

      const reused = await graphql(app, finance.caller, CreditOps.grantCredits, {
        input: { ...input, amountMinor: '9999' },
        idempotencyKey,
      });
      expect(outcome(reused)).toBe('CONFLICT:IDEMPOTENCY_KEY_REUSED');
    });

    it.each([
      ['a currency Warbler does not bill in', { currency: 'XYZ' }, 'BAD_USER_INPUT:UNSUPPORTED_CURRENCY'],
      ['no amount', { amountMinor: '0' }, 'BAD_USER_INPUT:VALIDATION_FAILED'],
      ['a fractional amount', { amountMinor: '12.5' }, 'BAD_USER_INPUT:VALIDATION_FAILED'],
      ['an empty reason', { reason: '   ' }, 'BAD_USER_INPUT:VALIDATION_FAILED'],
      [
        'an expiry in the past',
        { expiresAt: new Date(Date.now() - 60_000).toISOString() },
        'BAD_USER_INPUT:EXPIRY_IN_PAST',
      ],
      ['an unknown tenant', { tenantId: randomUUID() }, 'NOT_FOUND'],
    ])('refuses %s and grants nothing', async (_what, change, expected) => {
      const tenant = await newTenant();
      const input = {
        tenantId: tenant.id,
        kind: 'PAID',
        currency: 'USD',
        amountMinor: '100',
        reason: 'Pack',
        ...change,
      };

      const answer = await graphql(app, finance.caller, CreditOps.grantCredits, {
        input,
        idempotencyKey: randomUUID(),
      });

      expect(outcome(answer)).toBe(expected);
      expect(await ownerClient().creditGrant.count({ where: { tenantId: tenant.id } })).toBe(0);
    });
  });

  describe('revoking', () => {
    const revoke = (tenantId: string, grantId: string) =>
      graphql<{ revokeCreditGrant: CreditGrantView }>(app, finance.caller, CreditOps.revokeCreditGrant, {
        tenantId,
        grantId,
        reason: 'Granted to the wrong tenant',
      });

    it('takes back an unused grant once, so no invoice spends it', async () => {
      const tenant = await newTenant();
      const unused = await grant(tenant.id, { amountMinor: '700' });

      const revoked = dataOf(await revoke(tenant.id, unused.id)).revokeCreditGrant;
      const retried = dataOf(await revoke(tenant.id, unused.id)).revokeCreditGrant;

      expect(revoked).toMatchObject({
        status: 'REVOKED',
        remainingMinor: '0',
        revokeReason: 'Granted to the wrong tenant',
      });
      expect(retried.revokedAt).toBe(revoked.revokedAt);
      expect((await ledgerOf(tenant.id)).map((entry) => [entry.kind, entry.amountMinor])).toEqual([
        ['GRANTED', '700'],
        ['REVOKED', '-700'],
      ]);
      const invoice = await finalized((await draftOf(tenant.id, 1000n)).id);
      expect(invoice.creditsAppliedMinor).toBe('0');
    });

    it('refuses a grant something was spent from, and an unknown one', async () => {
      const tenant = await newTenant();
      const used = await grant(tenant.id, { amountMinor: '5000' });
      await finalized((await draftOf(tenant.id, 1000n)).id);

      expect(outcome(await revoke(tenant.id, used.id))).toBe('CONFLICT:CREDIT_GRANT_IN_USE');
      expect(outcome(await revoke(tenant.id, randomUUID()))).toBe('NOT_FOUND');
      expect(await remainingOf(used.id)).toBe(3900n);
    });
  });

  describe('what the tenant sees', () => {
    it('balances with the next expiry, grants, and the ledger page by page', async () => {
      const tenant = await newTenant();
      const billing = (await signedInTenantMember(tenant.id, 'BILLING_ADMIN')).caller;
      const weekEnd = inDays(7);
      await grant(tenant.id, { amountMinor: '1000', expiresAt: weekEnd, reason: 'Week' });
      await grant(tenant.id, { amountMinor: '2500', expiresAt: weekEnd, reason: 'Same week' });
      await grant(tenant.id, { amountMinor: '4000', reason: 'Forever' });

      const credits = dataOf(await graphql<{ credits: TenantCreditsView }>(app, billing, CreditOps.credits)).credits;

      expect(credits).toMatchObject({
        tenantId: tenant.id,
        // 10.00 + 25.00 lapse together at the week's end; 75.00 in all.
        balances: [
          { currency: 'USD', availableMinor: '7500', nextExpiryAt: weekEnd.toISOString(), nextExpiryMinor: '3500' },
        ],
      });
      expect(credits.grants.map((each) => each.reason)).toEqual(['Forever', 'Same week', 'Week']);
      const page = (after: string | null) =>
        graphql<{ creditLedger: CreditLedgerView }>(app, billing, CreditOps.creditLedger, { first: 2, after });
      const one = dataOf(await page(null)).creditLedger;
      const two = dataOf(await page(one.pageInfo.endCursor)).creditLedger;
      expect(one.edges.map((edge) => edge.node.grantReason)).toEqual(['Forever', 'Same week']);
      expect(one.pageInfo.hasNextPage).toBe(true);
      expect(two.edges.map((edge) => edge.node.grantReason)).toEqual(['Week']);
      expect(two.pageInfo.hasNextPage).toBe(false);
      expect(outcome(await page('not-a-cursor'))).toBe('BAD_USER_INPUT:INVALID_CURSOR');
    });
  });

  it('keeps the ledger append-only and the grant’s terms fixed, even for the owner', async () => {
    const tenant = await newTenant();
    const made = await grant(tenant.id, { amountMinor: '100' });
    const owner = ownerClient();

    await expect(
      owner.creditLedgerEntry.updateMany({ where: { tenantId: tenant.id }, data: { amountMinor: 1n } }),
    ).rejects.toThrow(/append-only/);
    await expect(owner.creditLedgerEntry.deleteMany({ where: { tenantId: tenant.id } })).rejects.toThrow(/append-only/);
    await expect(
      owner.creditGrant.update({
        where: { tenantId_id: { tenantId: tenant.id, id: made.id } },
        data: { amountMinor: 1000n },
      }),
    ).rejects.toThrow(/immutable/);
    await expect(
      owner.creditGrant.delete({ where: { tenantId_id: { tenantId: tenant.id, id: made.id } } }),
    ).rejects.toThrow(/cannot be deleted/);
  });
});
