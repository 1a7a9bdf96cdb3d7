import { LOCALE_ID } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatDialog } from '@angular/material/dialog';
import {
  type BillingSubscriptionFieldsFragment,
  ChangeSubscriptionGQL,
  PreviewSubscriptionChangeGQL,
  type PreviewSubscriptionChangeQuery,
} from '@warbler/console/data-access';
import { of } from 'rxjs';
import type { PlanOffer } from './change-request';
import { openChangeSubscriptionDialog } from './change-subscription-dialog';

const PERIOD = { periodStart: '2026-03-01T00:00:00.000Z', periodEnd: '2026-04-01T00:00:00.000Z' };

const version = (id: string, baseFeeMinor: string, includedSeats: number, maxSeats: number) => ({
  id,
  version: 1,
  currency: 'USD',
  interval: 'MONTH' as const,
  baseFeeMinor,
  seatUnitPrice: '8',
  includedSeats,
  maxSeats,
  trialDays: 0,
});

const offers: PlanOffer[] = [
  {
    current: true,
    plan: { id: 'p-team', code: 'team', name: 'Team', description: '', isDefault: false },
    version: version('v-team', '4900', 5, 10),
  },
  {
    current: false,
    plan: { id: 'p-business', code: 'business', name: 'Business', description: '', isDefault: false },
    version: version('v-business', '49900', 20, 500),
  },
];

const subscription: BillingSubscriptionFieldsFragment = {
  id: 'sub-1',
  planName: 'Team',
  planCode: 'team',
  status: 'ACTIVE',
  currentPeriodStart: PERIOD.periodStart,
  currentPeriodEnd: PERIOD.periodEnd,
  trialEndsAt: null,
  seatQuantity: 6,
  seatsInUse: 4,
  cancelAtPeriodEnd: false,
  cancelRequestedAt: null,
  pastDueSince: null,
  planVersion: offers[0].version,
  scheduledPlan: null,
  scheduledPlanVersion: null,
};

const upcoming = (totalMinor: string) => ({
  ...PERIOD,
  currency: 'USD',
  planVersionId: 'v-business',
  taxRatePercent: null,
  subtotalMinor: totalMinor,
  taxMinor: '0',
  totalMinor,
  estimatedAt: '2026-03-16T12:00:00.000Z',
  lines: [],
});

const preview: PreviewSubscriptionChangeQuery['previewSubscriptionChange'] = {
  timing: 'NOW',
  effectiveAt: '2026-03-16T12:00:00.000Z',
  currency: 'USD',
  seatQuantity: 20,
  trialEndsAt: null,
  planVersion: { id: 'v-business', version: 1 },
  lines: [
    {
      kind: 'PRORATION_CREDIT',
      description: 'Unused time on Team v1 base fee (1/2 of the period)',
      metricCode: null,
      tierIndex: null,
      quantity: '1',
      unitPrice: '49',
      amountMinor: '-2450',
      periodStart: '2026-03-16T12:00:00.000Z',
      periodEnd: PERIOD.periodEnd,
      explain: {},
    },
    {
      kind: 'PRORATION_CHARGE',
      description: 'Remaining time on Business v1 base fee (1/2 of the period)',
      metricCode: null,
      tierIndex: null,
      quantity: '1',
      unitPrice: '499',
      amountMinor: '24950',
      periodStart: '2026-03-16T12:00:00.000Z',
      periodEnd: PERIOD.periodEnd,
      explain: {},
    },
  ],
  subtotalMinor: '22500',
  taxMinor: '0',
  totalMinor: '22500',
  nextInvoice: upcoming('28200'),
  firstPeriodFixedFees: { ...PERIOD, currency: 'USD', totalMinor: '49900' },
};

describe('ChangeSubscriptionDialog', () => {
  const fetch = jest.fn();
  const mutate = jest.fn();

  beforeEach(() => {
    fetch.mockReset().mockReturnValue(of({ data: { previewSubscriptionChange: preview } }));
    mutate.mockReset().mockReturnValue(of({ data: { changeSubscription: { ...subscription, planName: 'Business' } } }));
    TestBed.configureTestingModule({
      providers: [
        { provide: PreviewSubscriptionChangeGQL, useValue: { fetch } },
        { provide: ChangeSubscriptionGQL, useValue: { mutate } },
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
        { provide: LOCALE_ID, useValue: 'en-US' },
      ],
    });
  });

  afterEach(() => TestBed.inject(MatDialog).closeAll());

  /** Past the preview's debounce, then the answer, then a render. */
  async function settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 300));
    TestBed.tick();
  }

  function open(mode: 'plan' | 'seats', closed = jest.fn()) {
    openChangeSubscriptionDialog(TestBed.inject(MatDialog), { subscription, offers, mode }).subscribe(closed);
    TestBed.tick();
    const overlay = document.querySelector('.cdk-overlay-container') as HTMLElement;
    const confirm = () =>
      [...overlay.querySelectorAll('button')].find((button) => button.textContent?.trim() === 'Confirm change');
    return { overlay, confirm, closed };
  }

  it('previews a new plan before it can be confirmed, then confirms exactly the previewed instant', async () => {
    const { overlay, confirm, closed } = open('plan');
    await settle();
    expect(confirm()?.disabled).toBe(true);
    expect(fetch).not.toHaveBeenCalled();

    (overlay.querySelector('mat-radio-button.offer:nth-child(2) input') as HTMLInputElement).click();
    await settle();
    expect(fetch).toHaveBeenCalledWith({
      variables: { input: { planVersionId: 'v-business', seatQuantity: 20, timing: 'NOW' } },
      fetchPolicy: 'no-cache',
    });
    const lines = overlay.querySelector('table[aria-label="Proration preview"]') as HTMLElement;
    expect(lines.textContent).toContain('-$24.50');
    expect(lines.textContent).toContain('$249.50');
    expect(overlay.querySelector('[data-testid="change-total"]')?.textContent?.trim()).toBe('$225.00');
    expect(overlay.querySelector('[data-testid="preview-next-invoice-total"]')?.textContent?.trim()).toBe('$282.00');
    expect(overlay.querySelector('[data-testid="preview-first-period-fees"]')?.textContent?.trim()).toBe('$499.00');
    expect(confirm()?.disabled).toBe(false);

    confirm()?.click();
    await settle();
    expect(mutate).toHaveBeenCalledWith({
      variables: {
        input: { planVersionId: 'v-business', seatQuantity: 20, timing: 'NOW', effectiveAt: preview.effectiveAt },
        idempotencyKey: expect.stringMatching(/^console-[0-9a-f]{32}$/),
      },
    });
    expect(closed).toHaveBeenCalledWith(expect.objectContaining({ planName: 'Business' }));
  });

  it('asks only for seats in seats mode, and previews nothing it would refuse', async () => {
    const { overlay, confirm } = open('seats');
    expect(overlay.querySelector('mat-radio-group')).toBeNull();
    const seats = overlay.querySelector('input[formcontrolname="seats"]') as HTMLInputElement;
    seats.value = '3';
    seats.dispatchEvent(new Event('input'));
    await settle();
    expect(overlay.querySelector('.preview')?.textContent).toContain('At least 4: that many seats are assigned');
    expect(fetch).not.toHaveBeenCalled();
    expect(confirm()?.disabled).toBe(true);

    seats.value = '8';
    seats.dispatchEvent(new Event('input'));
    await settle();
    expect(fetch).toHaveBeenCalledWith({
      variables: { input: { planVersionId: null, seatQuantity: 8, timing: 'NOW' } },
      fetchPolicy: 'no-cache',
    });
  });
});
