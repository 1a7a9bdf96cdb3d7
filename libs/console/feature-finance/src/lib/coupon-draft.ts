import type { CouponDuration, CouponKind, CreateCouponInput } from '@warbler/console/data-access';
import { parseMajorAmount } from '@warbler/console/feature-billing';
import { parsePercentOff } from '@warbler/shared/pricing';

/** The create-coupon form as a person fills it in: text fields as typed. */
export interface CouponDraft {
  code: string;
  name: string;
  kind: CouponKind;
  percentOff: string;
  amountOff: string;
  currency: string;
  duration: CouponDuration;
  durationPeriods: string;
  planIds: string[];
  maxRedemptions: string;
  /** yyyy-mm-dd from a date input, or empty: the coupon expires at the end of that day, UTC. */
  redeemBy: string;
}

export type CouponDraftField = keyof CouponDraft;

export type CouponDraftCheck =
  | { ok: true; input: CreateCouponInput }
  | { ok: false; problems: Partial<Record<CouponDraftField, string>> };

const CODE = /^[A-Z0-9][A-Z0-9_-]{2,39}$/;
const WHOLE = /^[1-9]\d*$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 24 * 3600 * 1000;

/**
 * The API's request for a filled-in form, or what is wrong with each field. The same rules as the
 * API's (percentages through the pricing library), so most mistakes show before anything is sent.
 */
export function checkCouponDraft(draft: CouponDraft, now = new Date()): CouponDraftCheck {
  const problems: Partial<Record<CouponDraftField, string>> = {};
  const code = draft.code.trim().toUpperCase();
  if (!CODE.test(code)) problems.code = '3 to 40 letters, digits, "-" or "_", starting with a letter or digit';
  const name = draft.name.trim();
  if (name.length < 1 || name.length > 100) problems.name = 'A name of 1 to 100 characters';

  let percentOff: string | null = null;
  let amountOffMinor: string | null = null;
  let currency: string | null = null;
  if (draft.kind === 'PERCENTAGE') {
    const parsed = parsePercentOff(draft.percentOff);
    if (parsed.ok) percentOff = parsed.percentOff;
    else problems.percentOff = 'Above 0 and at most 100, up to 4 decimals';
  } else {
    currency = draft.currency.trim().toUpperCase();
    if (!/^[A-Z]{3}$/.test(currency)) problems.currency = 'An ISO 4217 code, e.g. USD';
    else {
      const amount = parseMajorAmount(draft.amountOff, currency);
      if (amount.ok) amountOffMinor = amount.minor;
      else
        problems.amountOff =
          amount.problem === 'tooPrecise' ? `Too many decimals for ${currency}` : 'An amount above 0';
    }
  }

  let durationPeriods: number | null = null;
  if (draft.duration === 'REPEATING') {
    const periods = draft.durationPeriods.trim();
    if (WHOLE.test(periods) && Number(periods) <= 120) durationPeriods = Number(periods);
    else problems.durationPeriods = 'From 1 to 120 periods';
  }

  let maxRedemptions: number | null = null;
  const limit = draft.maxRedemptions.trim();
  if (limit !== '') {
    if (WHOLE.test(limit) && Number(limit) <= 1_000_000_000) maxRedemptions = Number(limit);
    else problems.maxRedemptions = 'A whole number above 0, or empty for no limit';
  }

  let redeemBy: string | null = null;
  if (draft.redeemBy !== '') {
    const end = DAY.test(draft.redeemBy) ? new Date(`${draft.redeemBy}T00:00:00Z`).getTime() + DAY_MS : NaN;
    if (Number.isNaN(end) || end <= now.getTime()) problems.redeemBy = 'A day from today on';
    else redeemBy = new Date(end).toISOString();
  }

  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return {
    ok: true,
    input: {
      code,
      name,
      kind: draft.kind,
      percentOff,
      amountOffMinor,
      currency,
      duration: draft.duration,
      durationPeriods,
      planIds: draft.planIds.length > 0 ? draft.planIds : null,
      maxRedemptions,
      redeemBy,
    },
  };
}
