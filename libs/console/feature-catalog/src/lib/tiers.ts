import Decimal from 'decimal.js';

/** A tier row as the form holds it: an empty `upTo` is the unbounded last tier. */
export interface TierRow {
  fromUnits: string;
  upTo: string;
  unitPrice: string;
  flatFee: string;
}

const DECIMAL = /^\d+(\.\d+)?$/;

/** The row "Add tier" appends: it starts where the last one ends, so tiers meet without a gap. */
export function nextTier(tiers: readonly TierRow[]): TierRow {
  const last = tiers.at(-1);
  return { fromUnits: last ? last.upTo : '0', upTo: '', unitPrice: '', flatFee: '0' };
}

/**
 * What is wrong with each tier, null for a good one. Tiers must start at 0, each start where
 * the previous ends, end after they start, and only the last may be (and must be) unbounded.
 * The API checks the same again and answers with the path of the first problem it finds.
 */
export function tierProblems(tiers: readonly TierRow[]): (string | null)[] {
  return tiers.map((tier, index) => {
    const isLast = index === tiers.length - 1;
    for (const [field, label] of [
      ['fromUnits', 'From'],
      ['unitPrice', 'Unit price'],
      ['flatFee', 'Flat fee'],
    ] as const) {
      if (!DECIMAL.test(tier[field].trim())) return `${label} must be a number of 0 or more`;
    }
    const from = new Decimal(tier.fromUnits.trim());
    if (index === 0 && !from.isZero()) return 'The first tier starts at 0';
    const previousEnd = index > 0 ? tiers[index - 1].upTo.trim() : '';
    if (index > 0 && DECIMAL.test(previousEnd)) {
      if (from.gt(previousEnd)) return `Gap: the previous tier ends at ${previousEnd}`;
      if (from.lt(previousEnd)) return `Overlap: the previous tier ends at ${previousEnd}`;
    }
    const upTo = tier.upTo.trim();
    if (upTo === '') return isLast ? null : 'Only the last tier can be unbounded';
    if (!DECIMAL.test(upTo)) return 'Up to must be a number';
    if (new Decimal(upTo).lte(from)) return 'Up to must be more than From';
    return isLast ? 'The last tier must be unbounded (leave Up to empty)' : null;
  });
}
