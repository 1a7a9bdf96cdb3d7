import { LOCALE_ID } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import {
  type DiscountFieldsFragment,
  DiscountsGQL,
  PermissionsService,
  RedeemCouponGQL,
  userMessage,
} from '@warbler/console/data-access';
import { Notifier } from '@warbler/console/ui';
import { of, throwError } from 'rxjs';
import { DiscountsCard } from './discounts-card';

const spring: DiscountFieldsFragment = {
  id: 'r-1',
  couponCode: 'SPRING25',
  couponName: 'Spring sale',
  kind: 'PERCENTAGE',
  percentOff: '25',
  amountOffMinor: null,
  currency: null,
  duration: 'REPEATING',
  durationPeriods: 3,
  eligiblePlans: [{ id: 'p-team', name: 'Team' }],
  status: 'ACTIVE',
  periodsUsed: 1,
  periodsLeft: 2,
  redeemedAt: '2026-03-01T00:00:00.000Z',
  appliedByStaff: false,
};

describe('DiscountsCard', () => {
  async function render(rules: string[], discounts: DiscountFieldsFragment[], mutate = jest.fn()) {
    TestBed.configureTestingModule({
      imports: [DiscountsCard],
      providers: [
        { provide: LOCALE_ID, useValue: 'en-US' },
        {
          provide: PermissionsService,
          useValue: { can: (action: string, subject: string) => rules.includes(`${action} ${subject}`) },
        },
        {
          provide: DiscountsGQL,
          useValue: { watch: () => ({ valueChanges: of({ data: { discounts }, dataState: 'complete' }) }) },
        },
        { provide: RedeemCouponGQL, useValue: { mutate } },
        { provide: Notifier, useValue: { success: jest.fn(), error: jest.fn() } },
      ],
    });
    const fixture = TestBed.createComponent(DiscountsCard);
    await fixture.whenStable();
    return { fixture, root: fixture.nativeElement as HTMLElement };
  }

  it('shows a member the active discounts, with what they take off and for how long, and no way to redeem', async () => {
    const { root } = await render(['read Discount'], [spring]);
    const text = root.querySelector('[data-testid="discount"]')?.textContent?.replace(/\s+/g, ' ');
    expect(text).toContain('Spring sale SPRING25');
    expect(text).toContain('25% off, for 3 periods · The next 2 invoices · on Team only');
    expect(root.querySelector('[data-testid="coupon-code"]')).toBeNull();
  });

  it('says there are none', async () => {
    const { root } = await render(['read Discount'], []);
    expect(root.textContent).toContain('None');
  });

  it('lets an admin redeem a code and shows the API’s refusal under the field', async () => {
    const refusal = new Error('Coupon was not found');
    const mutate = jest
      .fn()
      .mockReturnValueOnce(throwError(() => refusal))
      .mockReturnValueOnce(of({ data: { redeemCoupon: spring } }));
    const { fixture, root } = await render(['read Discount', 'create Discount'], [], mutate);
    const input = root.querySelector('[data-testid="coupon-code"]') as HTMLInputElement;
    const redeemed = jest.fn();
    fixture.componentInstance.redeemed.subscribe(redeemed);

    input.value = 'nope';
    input.dispatchEvent(new Event('input'));
    (root.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    await fixture.whenStable();
    fixture.detectChanges();
    expect(root.querySelector('mat-error')?.textContent?.trim()).toBe(userMessage(refusal));

    input.value = 'spring25';
    input.dispatchEvent(new Event('input'));
    (root.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    await fixture.whenStable();
    expect(mutate).toHaveBeenLastCalledWith({ variables: { code: 'spring25' } });
    expect(redeemed).toHaveBeenCalledWith(spring);
  });
});
