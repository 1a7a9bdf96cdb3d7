import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import type { Actor } from '@warbler/api/core';
import {
  closeOwnerClient,
  draftInvoice,
  newTenant,
  ownerClient,
  signedInStaffAs,
  startTestApp,
  type TestApp,
} from '../testing';
import { BillingModule } from './billing.module';
import { allocateCredits, type SpendableGrant } from './credits/credit-allocation';
import { CreditGranting } from './credits/credit-granting';
import { InvoiceFinalization } from './finance/invoice-finalization';
import { InvoiceVoiding } from './finance/invoice-voiding';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Grants of USD, some expiring within a month, some never. */
const grantTerms = fc.array(
  fc.record({
    amountMinor: fc.bigInt({ min: 1n, max: 20_000n }),
    expiresInDays: fc.option(fc.integer({ min: 1, max: 30 }), { nil: null }),
  }),
  { minLength: 1, maxLength: 4 },
);
/** Invoices (their totals), and whether each is voided after all are finalized. */
const invoiceTerms = fc.array(fc.record({ totalMinor: fc.bigInt({ min: 1n, max: 20_000n }), voided: fc.boolean() }), {
  minLength: 1,
  maxLength: 4,
});

/**
 * Properties of credits on the real database: balances never go negative, no invoice is paid more than
 * its total, the balance on a grant is always its ledger's sum, and voiding gives back exactly what was
 * taken, grant by grant — sequentially against the pure allocation as a model, and under concurrency.
 */
describe('prepaid credit properties, on the database', () => {
  let app: TestApp;
  let actor: Actor;

  const grantAll = async (tenantId: string, terms: { amountMinor: bigint; expiresInDays: number | null }[]) => {
    const made = [];
    for (const term of terms) {
      made.push(
        await app.app.get(CreditGranting).grant(
          actor,
          tenantId,
          {
            kind: 'PAID',
            currency: 'USD',
            amountMinor: term.amountMinor,
            reason: 'Property',
            expiresAt: term.expiresInDays === null ? null : new Date(Date.now() + term.expiresInDays * DAY_MS),
          },
          randomUUID(),
        ),
      );
    }
    return made;
  };
  const finalize = (id: string) => app.app.get(InvoiceFinalization).finalize(actor, id);
  const voidIt = (id: string) => app.app.get(InvoiceVoiding).void(actor, id, 'Property test');

  /** The invariants that hold after any interleaving of finalizations and voids. */
  const expectLedgerInvariants = async (tenantId: string) => {
    const owner = ownerClient();
    const grants = await owner.creditGrant.findMany({ where: { tenantId }, include: { movements: true } });
    for (const grant of grants) {
      expect(grant.remainingMinor >= 0n && grant.remainingMinor <= grant.amountMinor).toBe(true);
      expect(grant.movements.reduce((sum, movement) => sum + movement.amountMinor, 0n)).toBe(grant.remainingMinor);
      expect(grant.movements.every((movement) => movement.balanceAfterMinor >= 0n)).toBe(true);
    }
    const invoices = await owner.invoice.findMany({ where: { tenantId }, include: { creditMovements: true } });
    for (const invoice of invoices) {
      const applied = invoice.creditMovements.filter((movement) => movement.kind === 'APPLIED');
      expect(invoice.creditsAppliedMinor >= 0n && invoice.creditsAppliedMinor <= invoice.totalMinor).toBe(true);
      expect(-applied.reduce((sum, movement) => sum + movement.amountMinor, 0n)).toBe(invoice.creditsAppliedMinor);
      if (invoice.status === 'VOID') {
        const netByGrant = new Map<string, bigint>();
        for (const movement of invoice.creditMovements) {
          netByGrant.set(movement.grantId, (netByGrant.get(movement.grantId) ?? 0n) + movement.amountMinor);
        }
        expect([...netByGrant.values()].every((net) => net === 0n)).toBe(true);
      }
    }
  };

  beforeAll(async () => {
    app = await startTestApp([BillingModule]);
    const finance = await signedInStaffAs('FINANCE');
    actor = {
      userId: finance.user.id,
      email: finance.user.email,
      sessionId: 'finance-session',
      staffRole: 'FINANCE',
      tenantId: null,
      tenantRole: null,
      membershipId: null,
      impersonatorUserId: null,
      mfaSatisfied: true,
      requestId: 'credits-property-test',
      ip: null,
    };
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
  });

  it('one after another, every balance matches the pure allocation, and voiding restores it exactly', async () => {
    await fc.assert(
      fc.asyncProperty(grantTerms, invoiceTerms, async (grants, invoices) => {
        const tenant = await newTenant();
        const made = await grantAll(tenant.id, grants);
        const model = new Map<string, SpendableGrant>(made.map((grant) => [grant.id, { ...grant }]));
        const drafts = [];
        for (const { totalMinor } of invoices) drafts.push(await draftInvoice(tenant.id, totalMinor));

        for (const draft of drafts) {
          const issued = await finalize(draft.id);
          const expected = allocateCredits(draft.totalMinor, [...model.values()], issued.issuedAt as Date);
          for (const { grantId, amountMinor } of expected) {
            const before = model.get(grantId) as SpendableGrant;
            model.set(grantId, { ...before, remainingMinor: before.remainingMinor - amountMinor });
          }
          const applied = expected.reduce((sum, each) => sum + each.amountMinor, 0n);
          expect(issued.creditsAppliedMinor).toBe(applied);
          expect(issued.status).toBe(applied === draft.totalMinor ? 'PAID' : 'OPEN');
        }
        for (const [index, draft] of drafts.entries()) {
          if (!invoices[index].voided) continue;
          const voided = await voidIt(draft.id);
          for (const movement of voided.creditMovements.filter((each) => each.kind === 'APPLIED')) {
            const before = model.get(movement.grantId) as SpendableGrant;
            model.set(movement.grantId, { ...before, remainingMinor: before.remainingMinor - movement.amountMinor });
          }
        }

        const stored = await ownerClient().creditGrant.findMany({ where: { tenantId: tenant.id } });
        expect(Object.fromEntries(stored.map((grant) => [grant.id, grant.remainingMinor]))).toEqual(
          Object.fromEntries([...model].map(([id, grant]) => [id, grant.remainingMinor])),
        );
        if (invoices.every((invoice) => invoice.voided)) {
          // Every invoice voided: every grant is back to its whole amount.
          expect(stored.every((grant) => grant.remainingMinor === grant.amountMinor)).toBe(true);
        }
        await expectLedgerInvariants(tenant.id);
      }),
      { numRuns: 12 },
    );
  }, 180_000);

  it('finalizations and voids racing on one tenant never overspend and never lose a movement', async () => {
    await fc.assert(
      fc.asyncProperty(grantTerms, invoiceTerms, invoiceTerms, async (grants, settled, racing) => {
        const tenant = await newTenant();
        await grantAll(tenant.id, grants);
        const first = [];
        for (const { totalMinor } of settled)
          first.push(await finalize((await draftInvoice(tenant.id, totalMinor)).id));
        const later = [];
        for (const { totalMinor } of racing) later.push(await draftInvoice(tenant.id, totalMinor));

        await Promise.all([
          ...first.filter((_, index) => settled[index].voided).map((invoice) => voidIt(invoice.id)),
          ...later.map((draft) => finalize(draft.id)),
        ]);

        await expectLedgerInvariants(tenant.id);
      }),
      { numRuns: 8 },
    );
  }, 180_000);
});
