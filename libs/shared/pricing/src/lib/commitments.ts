import type { InvoiceLineDraft } from './invoice-composition';
import { formatMinor, minorToMajor, PricingDecimal, roundToMinor } from './money';
import type { BillingPeriod } from './periods';

/** A stretch of time in which nothing is committed: a trial. `start` may lie before the period. */
export interface WaivedStretch {
  start: Date;
  end: Date;
}

export interface MinimumCommitmentInput {
  /** The commitment for a whole period: whole minor units of `currency`, above 0. */
  commitmentMinor: string;
  currency: string;
  period: BillingPeriod;
  /** What the period's fixed fees, prorations and usage come to: the invoice's subtotal before the true-up. */
  chargedMinor: bigint;
  /** A trial overlapping the period: the commitment covers only the time outside it. */
  waived?: WaivedStretch | null;
}

/** How much of a period a commitment covers, in whole seconds (instants floored, as proration does). */
export interface CommittedShare {
  periodSeconds: number;
  committedSeconds: number;
  /** The commitment for the seconds covered, rounded once, half-even. */
  committedMinor: bigint;
}

const seconds = (at: Date) => Math.floor(at.getTime() / 1000);

function parseCommitment(raw: string): bigint {
  if (!/^\d+$/.test(raw) || BigInt(raw) <= 0n) {
    throw new RangeError(`commitmentMinor must be a whole number of minor units above 0, got ${JSON.stringify(raw)}`);
  }
  return BigInt(raw);
}

/**
 * The share of a period's commitment that applies: all of it, unless a trial covers part of the
 * period, in which case it is prorated by the seconds outside the trial (nothing is committed while
 * fixed fees are waived). It multiplies before it divides, so a half minor unit stays exact for
 * half-even rounding.
 */
export function committedShare(
  commitmentMinor: string,
  currency: string,
  period: BillingPeriod,
  waived?: WaivedStretch | null,
): CommittedShare {
  const commitment = parseCommitment(commitmentMinor);
  const start = seconds(period.start);
  const end = seconds(period.end);
  if (end <= start) throw new RangeError(`a billing period must last at least one second (${start}s → ${end}s)`);
  const periodSeconds = end - start;
  const waivedSeconds = waived
    ? Math.max(0, Math.min(end, seconds(waived.end)) - Math.max(start, seconds(waived.start)))
    : 0;
  const committedSeconds = periodSeconds - waivedSeconds;
  const committedMinor =
    committedSeconds === periodSeconds
      ? commitment
      : roundToMinor(minorToMajor(commitment, currency).times(committedSeconds).div(periodSeconds), currency);
  return { periodSeconds, committedSeconds, committedMinor };
}

function greatestCommonDivisor(a: number, b: number): number {
  return b === 0 ? a : greatestCommonDivisor(b, a % b);
}

/**
 * The minimum commitment true-up: when what a period charged falls short of the commitment for it,
 * one MINIMUM_COMMITMENT line for the difference, so the subtotal comes to the commitment; none when
 * the charges reach it. It comes after usage and before discounts and tax (docs/commitments-and-caps.md).
 */
export function minimumCommitmentLines(input: MinimumCommitmentInput): InvoiceLineDraft[] {
  const { currency, period, chargedMinor } = input;
  const share = committedShare(input.commitmentMinor, currency, period, input.waived);
  const shortfallMinor = share.committedMinor - chargedMinor;
  if (shortfallMinor <= 0n) return [];
  const money = (minor: bigint) => formatMinor(minor, currency);
  let commitment = money(BigInt(input.commitmentMinor));
  if (share.committedSeconds !== share.periodSeconds) {
    const divisor = greatestCommonDivisor(share.committedSeconds, share.periodSeconds);
    const fraction = `${share.committedSeconds / divisor}/${share.periodSeconds / divisor}`;
    commitment = `${commitment} × ${fraction} of the period = ${money(share.committedMinor)}`;
  }
  const shortfall = minorToMajor(shortfallMinor, currency);
  return [
    {
      kind: 'MINIMUM_COMMITMENT',
      description: `Minimum commitment true-up (commitment ${commitment}, charges ${money(chargedMinor)})`,
      metricCode: null,
      tierIndex: null,
      quantity: '1',
      unitPrice: new PricingDecimal(shortfall).toFixed(),
      amountMinor: shortfallMinor,
      periodStart: period.start,
      periodEnd: period.end,
      explain: {
        currency,
        commitmentMinor: input.commitmentMinor,
        periodSeconds: share.periodSeconds,
        committedSeconds: share.committedSeconds,
        committedMinor: share.committedMinor.toString(),
        subtotalMinor: chargedMinor.toString(),
        shortfallMinor: shortfallMinor.toString(),
      },
    },
  ];
}
