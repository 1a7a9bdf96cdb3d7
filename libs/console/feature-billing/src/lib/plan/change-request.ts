import type {
  AvailablePlansQuery,
  BillingSubscriptionFieldsFragment,
  ChangeTiming,
  SubscriptionChangeInput,
} from '@warbler/console/data-access';
import { seatQuantityProblem } from './plan-terms';

export type PlanOffer = AvailablePlansQuery['availablePlans'][number];

export interface ChangeForm {
  planVersionId: string;
  seats: string;
  timing: ChangeTiming;
}

export type ChangeRequest = { ok: true; input: SubscriptionChangeInput } | { ok: false; problem: string };

/**
 * The change the form asks for, as the API's input, or why there is none to preview yet. Seats
 * change now only; a change at period end keeps the seats (the API carries them over).
 */
export function changeRequest(
  form: ChangeForm,
  subscription: BillingSubscriptionFieldsFragment,
  offers: readonly PlanOffer[],
  locale?: string,
): ChangeRequest {
  const offer = offers.find((each) => each.version.id === form.planVersionId);
  if (!offer) return { ok: false, problem: 'Choose a plan' };
  const samePlan = offer.version.id === subscription.planVersion.id;
  if (form.timing === 'PERIOD_END') {
    if (samePlan) return { ok: false, problem: 'Choose another plan: seats change now, not at period end' };
    return { ok: true, input: { planVersionId: offer.version.id, timing: 'PERIOD_END' } };
  }
  const problem = seatQuantityProblem(
    form.seats,
    { seatsInUse: subscription.seatsInUse, maxSeats: offer.version.maxSeats },
    locale,
  );
  if (problem) return { ok: false, problem };
  const seatQuantity = Number(form.seats.trim());
  if (samePlan && seatQuantity === subscription.seatQuantity) {
    return { ok: false, problem: 'Choose another plan or seat count to see what it costs' };
  }
  return {
    ok: true,
    input: { planVersionId: samePlan ? null : offer.version.id, seatQuantity, timing: 'NOW' },
  };
}

/** Whether two requests are the same change (a preview answers only the request it was asked for). */
export function sameRequest(a: SubscriptionChangeInput, b: SubscriptionChangeInput): boolean {
  return (
    (a.planVersionId ?? null) === (b.planVersionId ?? null) &&
    (a.seatQuantity ?? null) === (b.seatQuantity ?? null) &&
    a.timing === b.timing
  );
}
