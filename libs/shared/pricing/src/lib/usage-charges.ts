import type Decimal from 'decimal.js';
import { type ChargeTerms, type TierTerms, validateChargeTerms } from './charge-terms';
import { normalizeDecimal, parseTermsDecimal } from './decimals';
import { PricingDecimal } from './money';

/** A tier as plan_charges.tiers stores it (without fromUnits: it starts where the previous one ends) or in full. */
export type TierInput = Omit<TierTerms, 'fromUnits'> & { fromUnits?: string | null };

/** A charge as the catalog validates it or as it is read back from the database. */
export type PricedCharge = Omit<ChargeTerms, 'tiers'> & { tiers?: readonly TierInput[] | null };

/** One priced piece of a charge; a tiered charge has one per tier it reaches. */
export interface UsagePart {
  tierIndex: number | null;
  fromUnits: string | null;
  upTo: string | null;
  /** Units, or whole packages for a PACKAGE charge. */
  quantity: string;
  unitPrice: string;
  flatFee: string;
  /** quantity × unitPrice + flatFee in major units, not rounded: the invoice line rounds it once. */
  amount: Decimal;
}

export interface UsagePricing {
  quantity: string;
  includedUnits: string;
  billableUnits: string;
  /** Empty when nothing is billable: no usage above the included units costs nothing, not even a flat fee. */
  parts: UsagePart[];
}

/** Tiers with their starts: the first starts at 0, a tier stored without one starts at the previous upTo. */
export function tiersWithStarts(tiers: readonly TierInput[]): TierTerms[] {
  return tiers.map((tier, i) => {
    const fromUnits = tier.fromUnits ?? (i === 0 ? '0' : tiers[i - 1].upTo);
    if (fromUnits === null) throw new RangeError(`tier ${i} has no start: the tier before it is unbounded`);
    return { fromUnits, upTo: tier.upTo, unitPrice: tier.unitPrice, flatFee: tier.flatFee };
  });
}

const canonical = <T extends string | null | undefined>(raw: T): T =>
  (typeof raw === 'string' ? normalizeDecimal(raw) : raw) as T;

/** The charge in canonical decimal text, after the checks the catalog runs before storing it. */
function checkedCharge(charge: PricedCharge): ChargeTerms {
  const terms: ChargeTerms = { ...charge, tiers: charge.tiers && tiersWithStarts(charge.tiers) };
  const [problem] = validateChargeTerms([terms]);
  if (problem) {
    const field = problem.path.replace(/^charges\[0\]\./, '');
    throw new RangeError(`charge ${JSON.stringify(charge.metricCode)}: ${field} ${problem.message}`);
  }
  return {
    ...terms,
    includedUnits: canonical(terms.includedUnits),
    unitPrice: canonical(terms.unitPrice),
    packageSize: canonical(terms.packageSize),
    tiers: terms.tiers?.map((tier) => ({
      fromUnits: canonical(tier.fromUnits),
      upTo: canonical(tier.upTo),
      unitPrice: canonical(tier.unitPrice),
      flatFee: canonical(tier.flatFee),
    })),
  };
}

function parseQuantity(quantity: string | Decimal): Decimal {
  let value: Decimal;
  if (typeof quantity === 'string') {
    const parsed = parseTermsDecimal(quantity);
    if (!parsed.ok) throw new RangeError(`quantity ${parsed.message}`);
    value = new PricingDecimal(parsed.value);
  } else {
    value = new PricingDecimal(quantity);
    if (!value.isFinite()) throw new RangeError(`quantity ${value.toString()} is not a finite number`);
  }
  if (value.lt(0)) throw new RangeError(`quantity must be at least 0, got ${value.toFixed()}`);
  return value;
}

function untiered(quantity: Decimal, unitPrice: string): UsagePart {
  return {
    tierIndex: null,
    fromUnits: null,
    upTo: null,
    quantity: quantity.toFixed(),
    unitPrice,
    flatFee: '0',
    amount: quantity.times(unitPrice),
  };
}

function tierPart(tiers: TierTerms[], tierIndex: number, units: Decimal): UsagePart {
  const tier = tiers[tierIndex];
  return {
    tierIndex,
    fromUnits: tier.fromUnits,
    upTo: tier.upTo,
    quantity: units.toFixed(),
    unitPrice: tier.unitPrice,
    flatFee: tier.flatFee,
    amount: units.times(tier.unitPrice).plus(tier.flatFee),
  };
}

/** A started package is a whole package. */
function wholePackages(billable: Decimal, packageSize: string): Decimal {
  // The integer quotient and the remainder check are exact; ceil(billable / size) could round away a
  // remainder below the 60th digit.
  const packages = billable.divToInt(packageSize);
  return packages.times(packageSize).lt(billable) ? packages.plus(1) : packages;
}

function graduatedParts(tiers: TierTerms[], billable: Decimal): UsagePart[] {
  return tiers.flatMap((tier, i) => {
    const top = tier.upTo === null ? billable : PricingDecimal.min(billable, tier.upTo);
    const units = top.minus(tier.fromUnits);
    return units.gt(0) ? [tierPart(tiers, i, units)] : [];
  });
}

function volumePart(tiers: TierTerms[], billable: Decimal): UsagePart {
  // Validated tiers start at 0 and end unbounded, so exactly one tier holds any positive quantity.
  const index = tiers.findIndex((tier) => tier.upTo === null || billable.lte(tier.upTo));
  return tierPart(tiers, index, billable);
}

/**
 * Prices a period's quantity of one metric. Units above `includedUnits` are billable. A tier covers
 * the quantities above its fromUnits up to and including its upTo, like Stripe's `up_to`: GRADUATED
 * prices each tier's share at that tier's price plus its flat fee once entered, VOLUME prices every
 * billable unit at the one tier the total falls in (exactly at an upTo is the lower tier).
 * Throws a RangeError for terms the catalog would refuse and for a quantity that is not a number ≥ 0.
 */
export function priceUsage(charge: PricedCharge, quantity: string | Decimal): UsagePricing {
  const terms = checkedCharge(charge);
  const used = parseQuantity(quantity);
  const included = new PricingDecimal(terms.includedUnits);
  const billable = PricingDecimal.max(0, used.minus(included));
  const pricing = { quantity: used.toFixed(), includedUnits: included.toFixed(), billableUnits: billable.toFixed() };
  if (billable.isZero()) return { ...pricing, parts: [] };
  // checkedCharge guarantees the fields each model needs.
  const unitPrice = terms.unitPrice as string;
  const tiers = terms.tiers as TierTerms[];
  switch (terms.model) {
    case 'PER_UNIT':
      return { ...pricing, parts: [untiered(billable, unitPrice)] };
    case 'PACKAGE':
      return { ...pricing, parts: [untiered(wholePackages(billable, terms.packageSize as string), unitPrice)] };
    case 'GRADUATED':
      return { ...pricing, parts: graduatedParts(tiers, billable) };
    case 'VOLUME':
      return { ...pricing, parts: [volumePart(tiers, billable)] };
  }
}
