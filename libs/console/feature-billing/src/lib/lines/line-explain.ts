import type { InvoiceLineKind } from '@warbler/console/data-access';
import { formatDecimal, formatMoney, formatPrice } from '../money';

/** One fact of a line's arithmetic, e.g. { label: 'Billed seats', value: '3 × $8.00' }. */
export interface ExplainFact {
  label: string;
  value: string;
}

export interface ExplainFormat {
  locale?: string;
  /** For tests; people see their own time zone. */
  timeZone?: string;
}

interface LineToExplain {
  kind: InvoiceLineKind;
  amountMinor: string;
  explain: unknown;
}

type Explain = Record<string, unknown>;

const MODELS: Record<string, string> = {
  PER_UNIT: 'Per unit: every billable unit at one price',
  GRADUATED: "Graduated tiers: each tier's units at that tier's price",
  VOLUME: 'Volume: every unit at the price of the tier the total falls in',
  PACKAGE: 'Packages: billable units in whole packages, the last one rounded up',
};

/**
 * A line's `explain` data (docs/billing.md, "Explain") in words: the quantities, tiers and prices it
 * was computed from, the usage rollup and quota behind a usage line, and the share of the period
 * behind a proration. Facts the data does not carry are left out rather than guessed.
 */
export function explainLine(line: LineToExplain, currency: string, format: ExplainFormat = {}): ExplainFact[] {
  const explain = asRecord(line.explain);
  if (!explain) return [];
  const words = new Words(currency, format);
  switch (line.kind) {
    case 'BASE_FEE':
      return [...baseFee(explain, words), ...version(explain)];
    case 'SEATS':
      return [...seats(explain, words), ...version(explain)];
    case 'USAGE':
      return [...usage(explain, words), ...version(explain)];
    case 'PRORATION_CHARGE':
    case 'PRORATION_CREDIT':
      return [...proration(line, explain, words), ...version(explain)];
    case 'DISCOUNT':
      return discount(line, explain, words);
    case 'MINIMUM_COMMITMENT':
      return commitment(explain, words);
  }
}

/** A true-up: the commitment (prorated outside a trial), what the period charged, and the shortfall billed. */
function commitment(explain: Explain, words: Words): ExplainFact[] {
  const facts: ExplainFact[] = [];
  const full = text(explain['commitmentMinor']);
  const committed = text(explain['committedMinor']);
  const covered = explain['committedSeconds'];
  const whole = explain['periodSeconds'];
  if (full !== null) facts.push({ label: 'Commitment', value: `${words.money(full)} per period` });
  if (committed !== null && typeof covered === 'number' && typeof whole === 'number' && covered !== whole) {
    const share = `${Math.round((covered / whole) * 1000) / 10}% of the period outside the trial`;
    facts.push({ label: 'Committed for this period', value: `${words.money(committed)}: ${share}` });
  }
  const charged = text(explain['subtotalMinor']);
  if (charged !== null) facts.push({ label: 'Charged in the period', value: words.money(charged) });
  const shortfall = text(explain['shortfallMinor']);
  if (shortfall !== null) facts.push({ label: 'Shortfall billed', value: words.money(shortfall) });
  return facts;
}

function baseFee(explain: Explain, words: Words): ExplainFact[] {
  const fee = text(explain['baseFeeMinor']);
  return fee === null ? [] : [{ label: 'Base fee', value: `${words.money(fee)} for a whole period` }];
}

function seats(explain: Explain, words: Words): ExplainFact[] {
  const facts: ExplainFact[] = [];
  const held = text(explain['seats']);
  const included = text(explain['includedSeats']);
  const billable = text(explain['billableSeats']);
  const price = text(explain['seatUnitPrice']);
  if (held !== null) facts.push({ label: 'Seats', value: words.number(held) });
  if (included !== null) facts.push({ label: 'Included in the plan', value: words.number(included) });
  if (billable !== null && price !== null) {
    facts.push({ label: 'Billed seats', value: `${words.number(billable)} × ${words.price(price)} per seat` });
  }
  return facts;
}

function usage(explain: Explain, words: Words): ExplainFact[] {
  const facts: ExplainFact[] = [];
  const metric = text(explain['metricCode']);
  const rollup = asRecord(explain['rollup']);
  const quantity = text(explain['quantity']);
  if (quantity !== null) {
    facts.push({ label: 'Used in the period', value: `${words.number(quantity)}${metric ? ` ${metric}` : ''}` });
  }
  if (rollup) {
    const value = text(rollup['value']);
    const events = text(rollup['eventCount']);
    const start = text(rollup['periodStart']);
    const parts = [
      value !== null ? `total ${words.number(value)}` : null,
      events !== null ? `from ${words.number(events)} ${events === '1' ? 'event' : 'events'}` : null,
      start !== null ? `period from ${words.date(start)}` : null,
    ].filter((part) => part !== null);
    if (parts.length > 0) facts.push({ label: 'Usage rollup', value: parts.join(', ') });
  }
  const included = text(explain['includedUnits']);
  if (included !== null && included !== '0') facts.push({ label: 'Included units', value: words.number(included) });
  const billable = text(explain['billableUnits']);
  if (billable !== null) facts.push({ label: 'Billable units', value: words.number(billable) });
  const model = text(explain['model']);
  if (model !== null) facts.push({ label: 'Pricing', value: MODELS[model] ?? model });
  const packageSize = text(explain['packageSize']);
  if (packageSize !== null) facts.push({ label: 'Package size', value: words.number(packageSize) });
  const tier = tierFact(explain, words);
  if (tier) facts.push(tier);
  const unitPrice = text(explain['unitPrice']);
  if (unitPrice !== null) {
    facts.push({ label: packageSize !== null ? 'Price per package' : 'Unit price', value: words.price(unitPrice) });
  }
  const flatFee = text(explain['flatFee']);
  if (flatFee !== null && flatFee !== '0') facts.push({ label: 'Flat fee', value: words.price(flatFee) });
  const unrounded = text(explain['unroundedAmount']);
  if (unrounded !== null) {
    facts.push({ label: 'Before rounding', value: `${words.price(unrounded)}, rounded half-even once` });
  }
  facts.push(quotaFact(explain, rollup, words));
  return facts;
}

function tierFact(explain: Explain, words: Words): ExplainFact | null {
  const index = explain['tierIndex'];
  if (typeof index !== 'number') return null;
  const from = text(explain['fromUnits']);
  const upTo = text(explain['upTo']);
  const range =
    upTo === null ? `above ${words.number(from ?? '0')}` : `${words.number(from ?? '0')} to ${words.number(upTo)}`;
  return { label: 'Tier', value: `Tier ${index + 1}: units ${range}` };
}

function quotaFact(explain: Explain, rollup: Explain | null, words: Words): ExplainFact {
  const quota = asRecord(explain['quota']);
  const limit = quota ? text(quota['periodLimit']) : null;
  if (!quota || limit === null) return { label: 'Quota', value: 'None on this metric' };
  const hard = quota['enforcement'] === 'HARD';
  const overage = rollup ? text(rollup['overageQuantity']) : null;
  const beyond = overage !== null && overage !== '0' ? `; ${words.number(overage)} used beyond it` : '';
  return {
    label: 'Quota',
    value: `${words.number(limit)} per period, ${hard ? 'hard (usage past it is refused)' : 'soft (usage past it is billed)'}${beyond}`,
  };
}

function proration(line: LineToExplain, explain: Explain, words: Words): ExplainFact[] {
  const facts: ExplainFact[] = [];
  const credit = line.kind === 'PRORATION_CREDIT';
  const trialEnd = text(explain['trialEndsAt']);
  const changedAt = text(explain['changedAt']);
  if (trialEnd !== null) facts.push({ label: 'Trial ended', value: words.date(trialEnd) });
  else if (changedAt !== null) facts.push({ label: 'Changed', value: words.date(changedAt) });
  const remaining = text(explain['remainingSeconds']);
  const period = text(explain['periodSeconds']);
  if (remaining !== null && period !== null) {
    facts.push({
      label: credit ? 'Unused time' : 'Time charged',
      value: `${words.number(remaining)} of the period's ${words.number(period)} seconds (${words.percent(remaining, period)})`,
    });
  }
  const full = text(explain['fullPeriodAmount']);
  if (full !== null) facts.push({ label: 'Full-period amount', value: words.price(full) });
  if (text(explain['billableSeats']) !== null) facts.push(...seats(explain, words));
  else facts.push(...baseFee(explain, words));
  facts.push({
    label: credit ? 'Credited' : 'Charged',
    value: `${words.money(line.amountMinor)}: the full-period amount × the share of the period, rounded half-even once`,
  });
  return facts;
}

const DURATIONS: Record<string, string> = {
  ONCE: 'Once: the first period invoice after it was redeemed',
  REPEATING: 'Repeating: a number of period invoices',
  FOREVER: 'Forever: every period invoice',
};

function discount(line: LineToExplain, explain: Explain, words: Words): ExplainFact[] {
  const facts: ExplainFact[] = [];
  const code = text(explain['couponCode']);
  if (code !== null) facts.push({ label: 'Coupon', value: code });
  const percent = text(explain['percentOff']);
  const amount = text(explain['amountOffMinor']);
  if (explain['kind'] === 'PERCENTAGE' && percent !== null) facts.push({ label: 'Discount', value: `${percent}% off` });
  else if (amount !== null) facts.push({ label: 'Discount', value: `${words.money(amount)} off` });
  const base = text(explain['baseMinor']);
  if (base !== null) {
    facts.push({ label: 'Applied to', value: `${words.money(base)}: the subtotal left before this discount` });
  }
  const unrounded = text(explain['unroundedAmount']);
  if (unrounded !== null) {
    facts.push({ label: 'Before rounding', value: `${words.price(unrounded)}, rounded half-even once` });
  }
  if (amount !== null && base !== null && BigInt(amount) > BigInt(base)) {
    facts.push({ label: 'Capped', value: 'The amount is more than was left: the invoice never goes below zero' });
  }
  const duration = text(explain['duration']);
  if (duration !== null) facts.push({ label: 'Duration', value: DURATIONS[duration] ?? duration });
  const left = explain['periodsLeft'];
  if (typeof left === 'number') {
    facts.push({ label: 'Periods left', value: left === 0 ? 'None: this was its last' : words.number(String(left)) });
  }
  facts.push({ label: 'Discounted', value: words.money(line.amountMinor) });
  return facts;
}

function version(explain: Explain): ExplainFact[] {
  const id = text(explain['planVersionId']);
  // A trial's "from" side is marked with a suffix; the version itself is the part before it.
  return id === null ? [] : [{ label: 'Plan version', value: id.split(':')[0] }];
}

/** Formats the pieces of an explanation in the reader's locale, exactly for money and quantities. */
class Words {
  constructor(
    private readonly currency: string,
    private readonly format: ExplainFormat,
  ) {}

  money(minor: string): string {
    return formatMoney(minor, this.currency, this.format.locale);
  }

  price(major: string): string {
    return formatPrice(major, this.currency, this.format.locale);
  }

  number(decimal: string): string {
    return formatDecimal(decimal, this.format.locale);
  }

  percent(part: string, whole: string): string {
    const share = Number(whole) === 0 ? 0 : Number(part) / Number(whole);
    return new Intl.NumberFormat(this.format.locale, { style: 'percent', maximumFractionDigits: 2 }).format(share);
  }

  date(iso: string): string {
    return new Intl.DateTimeFormat(this.format.locale, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: this.format.timeZone,
    }).format(new Date(iso));
  }
}

function asRecord(value: unknown): Explain | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Explain) : null;
}

/** Explain values are decimal text or whole numbers; anything else is treated as absent. */
function text(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}
