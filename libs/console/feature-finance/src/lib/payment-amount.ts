import { formatMoney, type MajorAmountProblem, parseMajorAmount } from '@warbler/console/feature-billing';
import { minorUnitsOf } from '@warbler/shared/pricing';

interface OpenInvoice {
  currency: string;
  amountDueMinor: string;
}

/**
 * What is wrong with a payment amount typed in major units, in words, or null when it can be
 * recorded: a positive amount in the invoice's currency, no finer than its minor unit, and no more
 * than is still due (the API refuses an overpayment too).
 */
export function paymentAmountProblem(typed: string, invoice: OpenInvoice, locale?: string): string | null {
  const parsed = parseMajorAmount(typed, invoice.currency);
  if (!parsed.ok) return describeAmountProblem(parsed.problem, invoice.currency);
  if (BigInt(parsed.minor) > BigInt(invoice.amountDueMinor)) {
    return `Only ${formatMoney(invoice.amountDueMinor, invoice.currency, locale)} is still due`;
  }
  return null;
}

/** Why a typed amount is not money in the currency, in words. */
export function describeAmountProblem(problem: MajorAmountProblem, currency: string): string {
  switch (problem) {
    case 'required':
      return 'Enter an amount';
    case 'notANumber':
      return 'Enter an amount like 120.50';
    case 'tooPrecise': {
      const places = minorUnitsOf(currency);
      return places === 0
        ? `${currency} has no decimals`
        : `${currency} has ${places} decimal${places === 1 ? '' : 's'} at most`;
    }
    case 'notPositive':
      return 'The amount must be above 0';
  }
}
