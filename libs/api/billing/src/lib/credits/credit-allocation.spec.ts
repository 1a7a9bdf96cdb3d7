import fc from 'fast-check';
import { allocateCredits, spendableAt, type SpendableGrant, spendingOrder } from './credit-allocation';

const AT = new Date('2026-06-15T12:00:00Z');
const HOUR_MS = 3_600_000;

function grant(id: string, remainingMinor: bigint, expiresInHours: number | null, createdHoursAgo = 1): SpendableGrant {
  return {
    id,
    remainingMinor,
    expiresAt: expiresInHours === null ? null : new Date(AT.getTime() + expiresInHours * HOUR_MS),
    createdAt: new Date(AT.getTime() - createdHoursAgo * HOUR_MS),
    revokedAt: null,
  };
}

describe('allocating prepaid credits to an invoice', () => {
  it('golden: soonest expiry first, never-expiring last, oldest first among equals, up to the total', () => {
    const grants = [
      grant('forever', 10_000n, null),
      grant('june-20-young', 1_500n, 5 * 24, 1),
      grant('june-20-old', 2_000n, 5 * 24, 48),
      grant('tomorrow', 1_000n, 24),
    ];
    // 55.00 due: tomorrow 10.00, the older June-20 grant 20.00, the younger 15.00, then 10.00 of forever.
    expect(allocateCredits(5_500n, grants, AT)).toEqual([
      { grantId: 'tomorrow', amountMinor: 1_000n },
      { grantId: 'june-20-old', amountMinor: 2_000n },
      { grantId: 'june-20-young', amountMinor: 1_500n },
      { grantId: 'forever', amountMinor: 1_000n },
    ]);
  });

  it('skips grants that are spent, revoked or expired at the moment of finalization', () => {
    const grants = [
      grant('spent', 0n, null),
      { ...grant('revoked', 500n, null), revokedAt: AT },
      grant('expired-exactly-now', 500n, 0),
      grant('expired', 500n, -1),
      grant('good', 500n, 1),
    ];
    expect(allocateCredits(10_000n, grants, AT)).toEqual([{ grantId: 'good', amountMinor: 500n }]);
    expect(allocateCredits(0n, grants, AT)).toEqual([]);
  });

  describe('properties', () => {
    const grants = fc
      .array(
        fc.record({
          remainingMinor: fc.bigInt({ min: 0n, max: 1_000_000n }),
          expiresInHours: fc.option(fc.integer({ min: -100, max: 100 }), { nil: null }),
          createdHoursAgo: fc.integer({ min: 0, max: 100 }),
          revoked: fc.boolean(),
        }),
        { maxLength: 12 },
      )
      .map((terms) =>
        terms.map((term, index) => ({
          ...grant(`g${index}`, term.remainingMinor, term.expiresInHours, term.createdHoursAgo),
          revokedAt: term.revoked ? AT : null,
        })),
      );
    const totals = fc.bigInt({ min: 0n, max: 5_000_000n });

    it('never applies more than the total, more than a grant holds, or anything of an unspendable grant', () => {
      fc.assert(
        fc.property(grants, totals, (candidates, totalMinor) => {
          const allocations = allocateCredits(totalMinor, candidates, AT);
          const applied = allocations.reduce((sum, each) => sum + each.amountMinor, 0n);
          const spendable = candidates.filter((candidate) => spendableAt(candidate, AT));
          const available = spendable.reduce((sum, each) => sum + each.remainingMinor, 0n);
          expect(applied).toBe(totalMinor < available ? totalMinor : available);
          for (const { grantId, amountMinor } of allocations) {
            const source = candidates.find((candidate) => candidate.id === grantId) as SpendableGrant;
            expect(spendableAt(source, AT)).toBe(true);
            expect(amountMinor > 0n && amountMinor <= source.remainingMinor).toBe(true);
          }
          expect(new Set(allocations.map((each) => each.grantId)).size).toBe(allocations.length);
        }),
      );
    });

    it('spends in order: every grant before the last one used is used up', () => {
      fc.assert(
        fc.property(grants, totals, (candidates, totalMinor) => {
          const allocations = allocateCredits(totalMinor, candidates, AT);
          const ordered = candidates.filter((candidate) => spendableAt(candidate, AT)).sort(spendingOrder);
          expect(allocations.map((each) => each.grantId)).toEqual(
            ordered.slice(0, allocations.length).map((each) => each.id),
          );
          allocations
            .slice(0, -1)
            .forEach((each, index) => expect(each.amountMinor).toBe(ordered[index].remainingMinor));
        }),
      );
    });

    it('leaves no balance negative, whatever sequence of invoices is paid from the same grants', () => {
      fc.assert(
        fc.property(grants, fc.array(totals, { maxLength: 6 }), (candidates, invoiceTotals) => {
          const balances = new Map(candidates.map((each) => [each.id, each]));
          for (const totalMinor of invoiceTotals) {
            for (const { grantId, amountMinor } of allocateCredits(totalMinor, [...balances.values()], AT)) {
              const before = balances.get(grantId) as SpendableGrant;
              balances.set(grantId, { ...before, remainingMinor: before.remainingMinor - amountMinor });
            }
          }
          expect([...balances.values()].every((each) => each.remainingMinor >= 0n)).toBe(true);
        }),
      );
    });
  });
});
