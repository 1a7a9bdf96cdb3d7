import Decimal from 'decimal.js';
import { isSupportedCurrency } from './currencies';
import { parseTermsDecimal } from './decimals';
import type { BillingInterval } from './periods';

export type ChargeModel = 'PER_UNIT' | 'GRADUATED' | 'VOLUME' | 'PACKAGE';
export type QuotaEnforcement = 'HARD' | 'SOFT';

/** One tier of a GRADUATED or VOLUME charge: quantities above fromUnits up to and including upTo (null: no end). */
export interface TierTerms {
  fromUnits: string;
  upTo: string | null;
  unitPrice: string;
  flatFee: string;
}

export interface ChargeTerms {
  metricCode: string;
  model: ChargeModel;
  unitPrice?: string | null;
  packageSize?: string | null;
  includedUnits: string;
  tiers?: TierTerms[] | null;
}

export interface QuotaTerms {
  metricCode: string;
  periodLimit: string;
  enforcement: QuotaEnforcement;
}

/** Everything a plan version prices; the amounts are exactly what the catalog stores. */
export interface PlanTerms {
  currency: string;
  interval: BillingInterval;
  baseFeeMinor: string;
  seatUnitPrice: string;
  includedSeats: number;
  maxSeats: number;
  trialDays: number;
  charges: ChargeTerms[];
  quotas: QuotaTerms[];
}

export interface TermsProblem {
  /** Where the problem is, e.g. `charges[1].tiers[2].fromUnits`. */
  path: string;
  message: string;
}

class Problems {
  readonly list: TermsProblem[] = [];

  add(path: string, message: string): void {
    this.list.push({ path, message });
  }

  /** Parses a required decimal, recording why it is unusable; `min` is inclusive unless `exclusive`. */
  decimal(path: string, raw: string | null | undefined, min: number, exclusive = false): Decimal | undefined {
    if (raw === null || raw === undefined) {
      this.add(path, 'is required');
      return undefined;
    }
    const parsed = parseTermsDecimal(raw);
    if (!parsed.ok) {
      this.add(path, parsed.message);
      return undefined;
    }
    const tooSmall = exclusive ? parsed.value.lte(min) : parsed.value.lt(min);
    if (tooSmall) {
      this.add(path, `must be ${exclusive ? 'greater than' : 'at least'} ${min}, got ${parsed.value.toFixed()}`);
      return undefined;
    }
    return parsed.value;
  }

  absent(path: string, value: unknown, why: string): void {
    if (value !== null && value !== undefined) this.add(path, why);
  }
}

function checkTiers(problems: Problems, path: string, tiers: TierTerms[] | null | undefined): void {
  if (!tiers || tiers.length === 0) {
    problems.add(path, 'needs at least one tier');
    return;
  }
  // The end of the previous tier; undefined when it could not be read, so the next comparison is skipped.
  let previousEnd: Decimal | null | undefined = new Decimal(0);
  tiers.forEach((tier, i) => {
    const at = `${path}[${i}]`;
    const isLast = i === tiers.length - 1;
    const from = problems.decimal(`${at}.fromUnits`, tier.fromUnits, 0);
    if (from && i === 0 && !from.isZero()) {
      problems.add(`${at}.fromUnits`, `the first tier must start at 0, got ${from.toFixed()}`);
    } else if (from && i > 0 && previousEnd) {
      if (from.gt(previousEnd)) {
        problems.add(
          `${at}.fromUnits`,
          `tier starts at ${from.toFixed()} but the previous tier ends at ${previousEnd.toFixed()} (gap)`,
        );
      } else if (from.lt(previousEnd)) {
        problems.add(
          `${at}.fromUnits`,
          `tier starts at ${from.toFixed()} but the previous tier ends at ${previousEnd.toFixed()} (overlap)`,
        );
      }
    }
    if (tier.upTo === null || tier.upTo === undefined) {
      if (!isLast) problems.add(`${at}.upTo`, 'only the last tier may be unbounded');
      previousEnd = undefined;
    } else {
      const upTo = problems.decimal(`${at}.upTo`, tier.upTo, 0, true);
      if (isLast) problems.add(`${at}.upTo`, 'the last tier must be unbounded (upTo null)');
      if (upTo && from && upTo.lte(from)) {
        problems.add(`${at}.upTo`, `must be greater than fromUnits ${from.toFixed()}, got ${upTo.toFixed()}`);
      }
      previousEnd = upTo;
    }
    problems.decimal(`${at}.unitPrice`, tier.unitPrice, 0);
    problems.decimal(`${at}.flatFee`, tier.flatFee, 0);
  });
}

function checkCharge(problems: Problems, path: string, charge: ChargeTerms): void {
  problems.decimal(`${path}.includedUnits`, charge.includedUnits, 0);
  switch (charge.model) {
    case 'PER_UNIT':
      problems.decimal(`${path}.unitPrice`, charge.unitPrice, 0);
      problems.absent(`${path}.packageSize`, charge.packageSize, 'only PACKAGE charges have a package size');
      problems.absent(`${path}.tiers`, charge.tiers, 'only GRADUATED and VOLUME charges have tiers');
      break;
    case 'PACKAGE':
      problems.decimal(`${path}.packageSize`, charge.packageSize, 0, true);
      problems.decimal(`${path}.unitPrice`, charge.unitPrice, 0);
      problems.absent(`${path}.tiers`, charge.tiers, 'only GRADUATED and VOLUME charges have tiers');
      break;
    case 'GRADUATED':
    case 'VOLUME':
      problems.absent(`${path}.unitPrice`, charge.unitPrice, `${charge.model} charges are priced by their tiers`);
      problems.absent(`${path}.packageSize`, charge.packageSize, 'only PACKAGE charges have a package size');
      checkTiers(problems, `${path}.tiers`, charge.tiers);
      break;
    default:
      problems.add(`${path}.model`, `unknown charge model ${JSON.stringify(charge.model)}`);
  }
}

function checkMetricOnce(problems: Problems, seen: Set<string>, path: string, code: string, kind: string) {
  if (seen.has(code)) {
    problems.add(`${path}.metricCode`, `metric ${JSON.stringify(code)} already has a ${kind}`);
  }
  seen.add(code);
}

/** Problems of a list of charges; an empty list means the charges can be stored. */
export function validateChargeTerms(charges: readonly ChargeTerms[], path = 'charges'): TermsProblem[] {
  const problems = new Problems();
  const seen = new Set<string>();
  charges.forEach((charge, i) => {
    checkMetricOnce(problems, seen, `${path}[${i}]`, charge.metricCode, 'charge');
    checkCharge(problems, `${path}[${i}]`, charge);
  });
  return problems.list;
}

/** Problems of a list of quotas; an empty list means the quotas can be stored. */
export function validateQuotaTerms(quotas: readonly QuotaTerms[], path = 'quotas'): TermsProblem[] {
  const problems = new Problems();
  const seen = new Set<string>();
  quotas.forEach((quota, i) => {
    checkMetricOnce(problems, seen, `${path}[${i}]`, quota.metricCode, 'quota');
    problems.decimal(`${path}[${i}].periodLimit`, quota.periodLimit, 0);
    if (quota.enforcement !== 'HARD' && quota.enforcement !== 'SOFT') {
      problems.add(`${path}[${i}].enforcement`, `unknown enforcement ${JSON.stringify(quota.enforcement)}`);
    }
  });
  return problems.list;
}

const MINOR_AMOUNT = /^\d+$/;
const MAX_MINOR_AMOUNT = 9223372036854775807n;

/** A trial longer than a year is a discount, not a trial. */
export const MAX_TRIAL_DAYS = 365;

/** Problems of a whole plan version: currency, base fee, seats, trial, charges and quotas. */
export function validatePlanTerms(terms: PlanTerms): TermsProblem[] {
  const problems = new Problems();
  if (!isSupportedCurrency(terms.currency)) {
    problems.add('currency', `currency ${JSON.stringify(terms.currency)} is not supported`);
  }
  if (terms.interval !== 'MONTH' && terms.interval !== 'YEAR') {
    problems.add('interval', `unknown billing interval ${JSON.stringify(terms.interval)}`);
  }
  if (!MINOR_AMOUNT.test(terms.baseFeeMinor) || BigInt(terms.baseFeeMinor) > MAX_MINOR_AMOUNT) {
    problems.add(
      'baseFeeMinor',
      `must be a non-negative whole number of minor units, got ${JSON.stringify(terms.baseFeeMinor)}`,
    );
  }
  problems.decimal('seatUnitPrice', terms.seatUnitPrice, 0);
  for (const field of ['includedSeats', 'maxSeats', 'trialDays'] as const) {
    if (!Number.isInteger(terms[field]) || terms[field] < 0) {
      problems.add(field, `must be a non-negative whole number, got ${terms[field]}`);
    }
  }
  if (terms.trialDays > MAX_TRIAL_DAYS) {
    problems.add('trialDays', `must be at most ${MAX_TRIAL_DAYS}, got ${terms.trialDays}`);
  }
  if (terms.maxSeats === 0) {
    problems.add('maxSeats', 'a plan must allow at least one seat');
  } else if (terms.maxSeats < terms.includedSeats) {
    problems.add('maxSeats', `the seat limit ${terms.maxSeats} is below the ${terms.includedSeats} included seats`);
  }
  return [...problems.list, ...validateChargeTerms(terms.charges), ...validateQuotaTerms(terms.quotas)];
}
