import { formatMoney, formatPrice } from '../money';

interface PricedVersion {
  currency: string;
  interval: 'MONTH' | 'YEAR';
  baseFeeMinor: string;
  seatUnitPrice: string;
  includedSeats: number;
  maxSeats: number;
}

/** The base fee per period: "$49.00 a month", "Free" when there is none. */
export function describeBaseFee(version: PricedVersion, locale?: string): string {
  if (BigInt(version.baseFeeMinor) === 0n) return 'No base fee';
  return `${formatMoney(version.baseFeeMinor, version.currency, locale)} a ${version.interval === 'YEAR' ? 'year' : 'month'}`;
}

/** What seats cost: "5 seats included, then $8.00 per seat a month (up to 10)". */
export function describeSeatPrice(version: PricedVersion, locale?: string): string {
  const upTo = `up to ${version.maxSeats.toLocaleString(locale)}`;
  if (Number(version.seatUnitPrice) === 0) return `Seats at no charge, ${upTo}`;
  const price = `${formatPrice(version.seatUnitPrice, version.currency, locale)} per seat a ${version.interval === 'YEAR' ? 'year' : 'month'}`;
  if (version.includedSeats === 0) return `${price}, ${upTo}`;
  const included = `${version.includedSeats.toLocaleString(locale)} seat${version.includedSeats === 1 ? '' : 's'} included`;
  return `${included}, then ${price} (${upTo})`;
}

/**
 * What is wrong with a seat quantity typed in, or null: a whole number, no fewer than the seats
 * assigned (the API would refuse to take seats from people) and no more than the plan allows.
 */
export function seatQuantityProblem(
  typed: string,
  limits: { seatsInUse: number; maxSeats: number },
  locale?: string,
): string | null {
  const text = typed.trim();
  if (!/^\d+$/.test(text)) return 'Enter a whole number of seats';
  const seats = Number(text);
  if (seats < limits.seatsInUse) {
    return `At least ${limits.seatsInUse.toLocaleString(locale)}: that many seats are assigned`;
  }
  if (seats > limits.maxSeats) return `The plan allows at most ${limits.maxSeats.toLocaleString(locale)} seats`;
  return null;
}

/** A key per confirmation, so a retried request (a double click, a lost answer) changes the subscription once. */
export function newIdempotencyKey(): string {
  // getRandomValues works outside secure contexts too, unlike randomUUID (e.g. a LAN install over HTTP).
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `console-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}
