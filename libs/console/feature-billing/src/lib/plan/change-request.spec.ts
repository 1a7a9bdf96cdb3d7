import type { BillingSubscriptionFieldsFragment } from '@warbler/console/data-access';
import { changeRequest, type PlanOffer, sameRequest } from './change-request';

const version = (id: string, maxSeats: number) => ({
  id,
  version: 1,
  currency: 'USD',
  interval: 'MONTH' as const,
  baseFeeMinor: '4900',
  seatUnitPrice: '8',
  includedSeats: 5,
  maxSeats,
  trialDays: 0,
});

const offer = (id: string, name: string, maxSeats: number, current = false): PlanOffer => ({
  current,
  plan: { id: `plan-${id}`, code: name.toLowerCase(), name, description: '', isDefault: false },
  version: version(id, maxSeats),
});

const offers = [offer('team', 'Team', 10, true), offer('business', 'Business', 500)];

const subscription = {
  id: 'sub-1',
  planVersion: version('team', 10),
  seatQuantity: 6,
  seatsInUse: 4,
} as BillingSubscriptionFieldsFragment;

describe('changeRequest', () => {
  it('asks for a new plan now with the seats typed', () => {
    expect(changeRequest({ planVersionId: 'business', seats: '24', timing: 'NOW' }, subscription, offers)).toEqual({
      ok: true,
      input: { planVersionId: 'business', seatQuantity: 24, timing: 'NOW' },
    });
  });

  it('asks for seats alone when the plan stays', () => {
    expect(changeRequest({ planVersionId: 'team', seats: '8', timing: 'NOW' }, subscription, offers)).toEqual({
      ok: true,
      input: { planVersionId: null, seatQuantity: 8, timing: 'NOW' },
    });
  });

  it('moves the plan at period end without seats, which change now only', () => {
    expect(
      changeRequest({ planVersionId: 'business', seats: '24', timing: 'PERIOD_END' }, subscription, offers),
    ).toEqual({ ok: true, input: { planVersionId: 'business', timing: 'PERIOD_END' } });
    expect(changeRequest({ planVersionId: 'team', seats: '8', timing: 'PERIOD_END' }, subscription, offers)).toEqual({
      ok: false,
      problem: 'Choose another plan: seats change now, not at period end',
    });
  });

  it('has nothing to preview while the form asks for no change or an impossible one', () => {
    const problem = (planVersionId: string, seats: string) =>
      changeRequest({ planVersionId, seats, timing: 'NOW' }, subscription, offers, 'en-US');
    expect(problem('team', '6')).toEqual({
      ok: false,
      problem: 'Choose another plan or seat count to see what it costs',
    });
    expect(problem('team', '3')).toEqual({ ok: false, problem: 'At least 4: that many seats are assigned' });
    expect(problem('team', '11')).toEqual({ ok: false, problem: 'The plan allows at most 10 seats' });
    expect(problem('business', '11')).toMatchObject({ ok: true });
    expect(problem('gone', '6')).toEqual({ ok: false, problem: 'Choose a plan' });
  });
});

describe('sameRequest', () => {
  it('treats absent and null fields alike and anything else as a different change', () => {
    expect(
      sameRequest({ timing: 'NOW', seatQuantity: 8 }, { timing: 'NOW', seatQuantity: 8, planVersionId: null }),
    ).toBe(true);
    expect(sameRequest({ timing: 'NOW', seatQuantity: 8 }, { timing: 'NOW', seatQuantity: 9 })).toBe(false);
    expect(sameRequest({ timing: 'NOW', planVersionId: 'a' }, { timing: 'PERIOD_END', planVersionId: 'a' })).toBe(
      false,
    );
  });
});
