import { type MajorAmountProblem, parseMajorAmount } from '../money';

/** Where this period's spend stands: past the cap, past the alert, or neither. */
export type SpendingState = 'CAPPED' | 'ALERTED' | 'UNDER';

export interface SpendingFigures {
  spentMinor: string;
  alertMinor: string | null;
  capMinor: string | null;
}

export function spendingState({ spentMinor, alertMinor, capMinor }: SpendingFigures): SpendingState {
  const spent = BigInt(spentMinor);
  if (capMinor !== null && spent >= BigInt(capMinor)) return 'CAPPED';
  if (alertMinor !== null && spent >= BigInt(alertMinor)) return 'ALERTED';
  return 'UNDER';
}

/** The spend as a percentage (0–100) of the cap, or of the alert when there is no cap; null without either. */
export function spendingShare({ spentMinor, alertMinor, capMinor }: SpendingFigures): number | null {
  const of = capMinor ?? alertMinor;
  if (of === null) return null;
  const whole = BigInt(of);
  if (whole === 0n) return 100;
  // Tenths of a percent in integers, so no amount passes through a float before it is a share.
  const tenths = (BigInt(spentMinor) * 1000n) / whole;
  return Math.min(100, Number(tenths) / 10);
}

export const AMOUNT_PROBLEMS: Record<MajorAmountProblem, string> = {
  required: 'Enter an amount',
  notANumber: 'Enter an amount such as 250 or 1,000.00',
  tooPrecise: 'Too many decimals for this currency',
  notPositive: 'Enter an amount above 0',
};

export type ControlsDraft =
  | { ok: true; alertMinor: string | null; capMinor: string | null }
  | { ok: false; alert?: string; cap?: string };

/**
 * The alert and cap a person typed (major units; empty for none) as minor units, checked against the
 * highest cap finance allows and whether a cap is required. The API checks the same again.
 */
export function spendingControlsDraft(
  alertText: string,
  capText: string,
  currency: string,
  limits: { maxCapMinor: string | null; capRequired: boolean },
  formatLimit: (minor: string) => string,
): ControlsDraft {
  const read = (text: string) => (text.trim() === '' ? null : parseMajorAmount(text, currency));
  const alert = read(alertText);
  const cap = read(capText);
  const problems: { alert?: string; cap?: string } = {};
  if (alert && !alert.ok) problems.alert = AMOUNT_PROBLEMS[alert.problem];
  if (cap && !cap.ok) problems.cap = AMOUNT_PROBLEMS[cap.problem];
  if (cap === null && limits.capRequired) problems.cap = 'Your billing terms require a cap';
  if (cap?.ok && limits.maxCapMinor !== null && BigInt(cap.minor) > BigInt(limits.maxCapMinor)) {
    problems.cap = `At most ${formatLimit(limits.maxCapMinor)}, the highest cap your billing terms allow`;
  }
  if (problems.alert || problems.cap) return { ok: false, ...problems };
  return { ok: true, alertMinor: alert?.ok ? alert.minor : null, capMinor: cap?.ok ? cap.minor : null };
}
