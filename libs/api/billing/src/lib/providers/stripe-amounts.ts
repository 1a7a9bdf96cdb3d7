import { minorUnitsOf, PricingDecimal } from '@warbler/shared/pricing';

/** Stripe's amounts are integers of the currency's smallest unit, the same minor units Warbler keeps. */
export function stripeAmount(minor: bigint): number {
  const amount = Number(minor);
  if (!Number.isSafeInteger(amount)) throw new RangeError(`${minor} minor units is not an amount Stripe can take`);
  return amount;
}

/** A major-unit unit price (12.5 USD) as Stripe's `unit_amount_decimal` in minor units ("1250"). */
export function stripeUnitAmountDecimal(unitPrice: string, currency: string): string {
  return new PricingDecimal(unitPrice).times(new PricingDecimal(10).pow(minorUnitsOf(currency))).toFixed();
}

/** Stripe's currency codes are lower case. */
export const stripeCurrency = (currency: string) => currency.toLowerCase();

export const unixSeconds = (at: Date) => Math.floor(at.getTime() / 1000);
