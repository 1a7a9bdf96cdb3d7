import { ApplicationRef, LOCALE_ID } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import {
  AvailablePlansGQL,
  type BillingSubscriptionFieldsFragment,
  BillingProviderGQL,
  BillingSubscriptionGQL,
  CreateBillingPortalSessionGQL,
  CreatePaymentMethodCheckoutGQL,
  CreditLedgerGQL,
  CreditsGQL,
  DiscountsGQL,
  PaymentMethodGQL,
  RedeemCouponGQL,
  PermissionsService,
  ResumeSubscriptionGQL,
  SpendingGQL,
  UpcomingInvoiceGQL,
} from '@warbler/console/data-access';
import { of } from 'rxjs';
import { PlanBillingPage } from './plan-billing-page';

const PERIOD = { start: '2026-03-01T00:00:00.000Z', end: '2999-04-01T00:00:00.000Z' };

const team = {
  id: 'v-team',
  version: 2,
  currency: 'USD',
  interval: 'MONTH' as const,
  baseFeeMinor: '4900',
  seatUnitPrice: '8',
  includedSeats: 5,
  maxSeats: 10,
  trialDays: 14,
};

const subscription: BillingSubscriptionFieldsFragment = {
  id: 'sub-1',
  planName: 'Team',
  planCode: 'team',
  status: 'ACTIVE',
  currentPeriodStart: PERIOD.start,
  currentPeriodEnd: PERIOD.end,
  trialEndsAt: null,
  seatQuantity: 6,
  seatsInUse: 4,
  cancelAtPeriodEnd: false,
  cancelRequestedAt: null,
  pastDueSince: null,
  planVersion: team,
  scheduledPlan: null,
  scheduledPlanVersion: null,
};

const upcomingInvoice = {
  periodStart: PERIOD.start,
  periodEnd: PERIOD.end,
  currency: 'USD',
  planVersionId: 'v-team',
  taxRatePercent: '10',
  subtotalMinor: '5700',
  taxMinor: '570',
  totalMinor: '6270',
  estimatedAt: '2026-03-16T12:00:00.000Z',
  lines: [
    {
      kind: 'BASE_FEE' as const,
      description: 'Team v2 base fee',
      metricCode: null,
      tierIndex: null,
      quantity: '1',
      unitPrice: '49',
      amountMinor: '4900',
      periodStart: PERIOD.start,
      periodEnd: PERIOD.end,
      explain: { baseFeeMinor: '4900' },
    },
  ],
};

const tenantCredits = {
  tenantId: 't-1',
  tenantName: 'Acme',
  balances: [
    { currency: 'USD', availableMinor: '12050', nextExpiryAt: '2026-06-30T23:59:59.999Z', nextExpiryMinor: '2050' },
  ],
  grants: [],
};

const creditLedger = {
  edges: [
    {
      cursor: '2',
      node: {
        id: 'l-2',
        grantId: 'g-1',
        grantReason: 'Launch promotion',
        kind: 'APPLIED' as const,
        currency: 'USD',
        amountMinor: '-7700',
        balanceAfterMinor: '2300',
        invoiceId: 'i-1',
        invoiceNumber: 'WB-2026-000012',
        occurredAt: '2026-04-01T00:05:00.000Z',
      },
    },
    {
      cursor: '1',
      node: {
        id: 'l-1',
        grantId: 'g-1',
        grantReason: 'Launch promotion',
        kind: 'GRANTED' as const,
        currency: 'USD',
        amountMinor: '10000',
        balanceAfterMinor: '10000',
        invoiceId: null,
        invoiceNumber: null,
        occurredAt: '2026-03-20T10:00:00.000Z',
      },
    },
  ],
  pageInfo: { hasNextPage: false, endCursor: '1' },
};

const spending = {
  currency: 'USD',
  periodStart: PERIOD.start,
  periodEnd: PERIOD.end,
  spentMinor: '45000',
  alertMinor: '40000',
  alertSent: true,
  capMinor: '45000',
  maxCapMinor: '100000',
  capRequired: false,
  minimumCommitmentMinor: '25000',
};

/** What Apollo's watch emits once the answer is in. */
const answer = <T>(data: T) => ({ watch: () => ({ valueChanges: of({ data, dataState: 'complete' }) }) });

describe('PlanBillingPage', () => {
  async function render(
    rules: string[],
    current: BillingSubscriptionFieldsFragment = subscription,
    provider: 'LOCAL' | 'STRIPE' = 'LOCAL',
  ) {
    TestBed.configureTestingModule({
      imports: [PlanBillingPage],
      providers: [
        provideRouter([]),
        { provide: LOCALE_ID, useValue: 'en-US' },
        {
          provide: PermissionsService,
          useValue: { can: (action: string, subject: string) => rules.includes(`${action} ${subject}`) },
        },
        { provide: BillingSubscriptionGQL, useValue: answer({ currentSubscription: current }) },
        {
          provide: AvailablePlansGQL,
          useValue: answer({
            availablePlans: [
              {
                current: true,
                plan: { id: 'p-team', code: 'team', name: 'Team', description: '', isDefault: false },
                version: team,
              },
            ],
          }),
        },
        { provide: UpcomingInvoiceGQL, useValue: answer({ upcomingInvoice }) },
        { provide: ResumeSubscriptionGQL, useValue: { mutate: jest.fn() } },
        { provide: BillingProviderGQL, useValue: answer({ billingProvider: provider }) },
        {
          provide: PaymentMethodGQL,
          useValue: answer({ paymentMethod: { brand: 'visa', last4: '4242', expMonth: 3, expYear: 2031 } }),
        },
        { provide: CreatePaymentMethodCheckoutGQL, useValue: { mutate: jest.fn() } },
        { provide: CreateBillingPortalSessionGQL, useValue: { mutate: jest.fn() } },
        { provide: DiscountsGQL, useValue: answer({ discounts: [] }) },
        { provide: RedeemCouponGQL, useValue: { mutate: jest.fn() } },
        { provide: CreditsGQL, useValue: answer({ credits: tenantCredits }) },
        { provide: SpendingGQL, useValue: answer({ spending }) },
        { provide: CreditLedgerGQL, useValue: { fetch: () => of({ data: { creditLedger: creditLedger } }) } },
      ],
    });
    const fixture = TestBed.createComponent(PlanBillingPage);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  /** Button labels without their icons' ligature names. */
  const buttons = (root: HTMLElement) =>
    [...root.querySelectorAll('button')].map((button) => {
      const label = button.cloneNode(true) as HTMLElement;
      label.querySelectorAll('mat-icon').forEach((icon) => icon.remove());
      return label.textContent?.trim();
    });

  it('shows an admin the plan, the seats, the estimate and every way to change them', async () => {
    const root = await render(['read Subscription', 'update Subscription', 'read Invoice']);
    const plan = root.querySelector('[data-testid="current-plan"]') as HTMLElement;
    expect(plan.textContent).toContain('Team v2');
    expect(plan.textContent).toContain('$49.00 a month');
    expect(plan.textContent).toContain('5 seats included, then $8.00 per seat a month (up to 10)');
    expect(root.querySelector('[data-testid="seats"]')?.textContent).toContain('4 of 6 in use');
    expect(root.querySelector('table[aria-label="Next invoice lines"]')?.textContent).toContain('Team v2 base fee');
    expect(root.querySelector('[data-testid="upcoming-total"]')?.textContent?.trim()).toBe('$62.70');
    expect(buttons(root)).toEqual(expect.arrayContaining(['Change plan', 'Cancel subscription', 'Change seats']));
  });

  it('shows the spend against the alert and the cap, with the way to set them for those who may', async () => {
    const root = await render(['read Subscription', 'read SpendingCap', 'update SpendingCap']);
    const card = root.querySelector('[data-testid="spending"]') as HTMLElement;
    expect(card.querySelector('[data-testid="spent"]')?.textContent?.trim()).toBe('$450.00');
    expect(card.querySelector('[data-testid="alert"]')?.textContent).toContain('$400.00');
    expect(card.querySelector('[data-testid="alert"]')?.textContent).toContain('sent this period');
    expect(card.querySelector('[data-testid="cap"]')?.textContent).toContain('at most $1,000.00');
    expect(card.querySelector('[data-testid="commitment"]')?.textContent).toContain('$250.00 per period');
    expect(card.querySelector('[data-testid="cap-reached"]')).not.toBeNull();
    expect(buttons(root)).toContain('Set alert & cap');
  });

  it('shows the spend to those who may only read it, without the way to change it', async () => {
    const reader = await render(['read Subscription', 'read SpendingCap']);
    expect(reader.querySelector('[data-testid="spending"]')).not.toBeNull();
    expect(buttons(reader)).not.toContain('Set alert & cap');
  });

  it('shows billing admins the prepaid credit balance, what expires first, and the ledger', async () => {
    const root = await render(['read Subscription', 'read Invoice', 'read CreditGrant']);
    const card = root.querySelector('[data-testid="credit-balance"]') as HTMLElement;
    expect(card.textContent).toContain('$120.50');
    expect(card.textContent).toContain('$20.50 expires on Jun 30, 2026');
    // The ledger's first page arrives after the first render.
    await new Promise((resolve) => setTimeout(resolve));
    await TestBed.inject(ApplicationRef).whenStable();
    const rows = [...root.querySelectorAll('[data-testid="credit-ledger"] tr[mat-row]')].map((row) =>
      [...row.querySelectorAll('td')].slice(1).map((cell) => cell.textContent?.trim()),
    );
    expect(rows).toEqual([
      ['Launch promotion', 'Applied to invoice', 'WB-2026-000012', '-$77.00', '$23.00'],
      ['Launch promotion', 'Granted', '—', '+$100.00', '$100.00'],
    ]);
  });

  it('shows a member the same page read-only, without the invoice estimate they may not read', async () => {
    const root = await render(['read Subscription']);
    expect(root.querySelector('[data-testid="current-plan"]')?.textContent).toContain('Team v2');
    expect(root.querySelector('[data-testid="seats"]')?.textContent).toContain('4 of 6 in use');
    expect(
      buttons(root).filter((label) => ['Change plan', 'Cancel subscription', 'Change seats'].includes(label ?? '')),
    ).toEqual([]);
    expect(root.querySelector('table[aria-label="Next invoice lines"]')).toBeNull();
    expect(root.querySelector('[data-testid="credit-balance"]')).toBeNull();
    expect(root.querySelector('[data-testid="credit-ledger"]')).toBeNull();
  });

  it('says when the subscription ends, with a way back, and when payment is past due', async () => {
    const root = await render(['read Subscription', 'update Subscription', 'read Invoice'], {
      ...subscription,
      status: 'PAST_DUE',
      pastDueSince: '2026-03-10T00:00:00.000Z',
      cancelAtPeriodEnd: true,
      cancelRequestedAt: '2026-03-12T00:00:00.000Z',
      scheduledPlan: { id: 'p-free', code: 'free', name: 'Free' },
      scheduledPlanVersion: { id: 'v-free', version: 2 },
    });
    expect(root.querySelector('[data-testid="past-due-banner"]')?.textContent).toContain('Mar 10, 2026');
    const cancelled = root.querySelector('[data-testid="cancel-banner"]') as HTMLElement;
    expect(cancelled.textContent).toContain('moves to Free');
    expect(cancelled.querySelector('button')?.textContent?.trim()).toBe('Resume Team');
    expect(buttons(root)).not.toContain('Cancel subscription');
  });

  it('shows the card on file and the way to Stripe only when Stripe collects payments', async () => {
    const rules = ['read Subscription', 'update Subscription', 'read PaymentMethod', 'update PaymentMethod'];
    const local = await render(rules);
    expect(local.querySelector('[data-testid="payment-method"]')).toBeNull();
    expect(buttons(local)).not.toContain('Manage in Stripe');

    TestBed.resetTestingModule();
    const stripe = await render(rules, subscription, 'STRIPE');
    expect(stripe.querySelector('[data-testid="payment-method"]')?.textContent).toContain('Visa •••• 4242');
    expect(stripe.querySelector('[data-testid="payment-method"]')?.textContent).toContain('Expires 03/2031');
    expect(buttons(stripe)).toContain('Manage in Stripe');

    TestBed.resetTestingModule();
    const member = await render(['read Subscription', 'read PaymentMethod'], subscription, 'STRIPE');
    expect(member.querySelector('[data-testid="payment-method"]')).not.toBeNull();
    expect(buttons(member)).not.toContain('Manage in Stripe');
  });
});
