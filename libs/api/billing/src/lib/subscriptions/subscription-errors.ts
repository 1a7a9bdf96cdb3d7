import { badInput, conflict, DomainError, notFound } from '@warbler/api/core';

/** The errors of subscription changes, each with the stable reason clients branch on. */
export const nothingToChange = (hint = '') =>
  badInput(`The change leaves the subscription as it is${hint}`, 'NOTHING_TO_CHANGE');

export const seatsAtPeriodEnd = () =>
  badInput('Seats change now, not at period end; send seatQuantity with timing NOW', 'SEATS_CHANGE_NOW_ONLY');

export const effectiveAtNowOnly = () =>
  badInput(
    'effectiveAt confirms a prorated preview; a change at period end takes effect then',
    'EFFECTIVE_AT_NOW_ONLY',
  );

export const planVersionNotFound = () => notFound('Plan version');

export const planVersionNotAvailable = () =>
  badInput(
    'That plan version is not on sale: choose the newest published version of a plan (availablePlans)',
    'PLAN_VERSION_NOT_AVAILABLE',
  );

export const seatsAboveMaximum = (seatQuantity: number, maxSeats: number) =>
  badInput(`The plan allows at most ${maxSeats} seats; ${seatQuantity} were asked for`, 'SEATS_ABOVE_MAXIMUM', {
    seatQuantity,
    maxSeats,
  });

export const seatsInUse = (seatQuantity: number, seatsInUse: number) =>
  new DomainError(
    'CONFLICT',
    `${seatsInUse} seats are assigned, more than the ${seatQuantity} the change leaves; release seats on the Members page first`,
    'SEATS_IN_USE',
    { seatQuantity, seatsInUse },
  );

export const currencyChangeNow = (from: string, to: string) =>
  conflict(
    `The plan is billed in ${to}, not ${from}: a change of currency takes effect at period end`,
    'CURRENCY_CHANGE_AT_PERIOD_END',
  );

export const intervalChangeNow = () =>
  conflict(
    'The plan is billed over another interval: that change takes effect at period end',
    'INTERVAL_CHANGE_AT_PERIOD_END',
  );

export const periodClosing = () =>
  conflict('The billing period has just ended and is being closed; try again in a minute', 'PERIOD_CLOSING');

export const previewOutdated = () =>
  conflict(
    'The subscription changed, or the preview is too old, since effectiveAt was previewed; preview the change again',
    'PREVIEW_OUTDATED',
  );

export const idempotencyKeyReused = () =>
  conflict('This idempotencyKey was used for another change; use a new key for a new change', 'IDEMPOTENCY_KEY_REUSED');

export const alreadyOnDefaultPlan = () =>
  conflict('The subscription is on the default plan already: there is nothing to cancel', 'ALREADY_ON_DEFAULT_PLAN');

export const noDefaultPlan = () => conflict('No default plan has a published version', 'NO_DEFAULT_PLAN');

export const nothingToResume = () =>
  conflict('No cancellation or change is scheduled for the end of the period', 'NOTHING_TO_RESUME');
