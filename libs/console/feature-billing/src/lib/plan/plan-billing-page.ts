import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, LOCALE_ID, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import {
  AvailablePlansGQL,
  type BillingSubscriptionFieldsFragment,
  BillingSubscriptionGQL,
  dataOf,
  liveQuery,
  PermissionsService,
  ResumeSubscriptionGQL,
  type SubscriptionStatus,
  UpcomingInvoiceGQL,
  userMessage,
} from '@warbler/console/data-access';
import { ErrorState, LoadingState, Notifier, PageHeader } from '@warbler/console/ui';
import { MoneyLines } from '../lines/money-lines';
import { MoneyTotals } from '../lines/money-totals';
import { taxedTotals } from '../lines/totals';
import { openCancelSubscriptionDialog } from './cancel-subscription-dialog';
import { openChangeSubscriptionDialog } from './change-subscription-dialog';
import { DiscountsCard } from '../discounts/discounts-card';
import { CreditBalanceCard } from '../credits/credit-balance-card';
import { CreditLedgerSection } from '../credits/credit-ledger-section';
import { PaymentMethodCard } from './payment-method-card';
import { SpendingCard } from '../spending/spending-card';
import { describeBaseFee, describeSeatPrice } from './plan-terms';

const STATUS_LABELS: Record<SubscriptionStatus, string> = {
  TRIALING: 'Trial',
  ACTIVE: 'Active',
  PAST_DUE: 'Past due',
};

const DAY_MS = 24 * 3600 * 1000;

/**
 * The tenant's plan and seats, what this period's invoice is heading for, and the ways to change
 * them. People who may only read see the same page without its buttons; the API decides anyway.
 */
@Component({
  selector: 'wb-plan-billing-page',
  imports: [
    DatePipe,
    MatButton,
    MatIcon,
    MatProgressBar,
    RouterLink,
    PageHeader,
    ErrorState,
    LoadingState,
    MoneyLines,
    MoneyTotals,
    PaymentMethodCard,
    DiscountsCard,
    CreditBalanceCard,
    CreditLedgerSection,
    SpendingCard,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './plan-billing-page.html',
  styleUrl: './plan-billing-page.scss',
})
export class PlanBillingPage {
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly permissions = inject(PermissionsService);
  private readonly subscriptionQuery = inject(BillingSubscriptionGQL);
  private readonly plansQuery = inject(AvailablePlansGQL);
  private readonly upcomingQuery = inject(UpcomingInvoiceGQL);
  private readonly resumeMutation = inject(ResumeSubscriptionGQL);
  private readonly locale = inject(LOCALE_ID);

  protected readonly canChange = computed(() => this.permissions.can('update', 'Subscription'));
  protected readonly canReadInvoices = computed(() => this.permissions.can('read', 'Invoice'));
  protected readonly subscription = liveQuery(
    () => this.subscriptionQuery.watch().valueChanges,
    (data) => data.currentSubscription,
    { enabled: () => this.permissions.can('read', 'Subscription') },
  );
  protected readonly offers = liveQuery(
    () => this.plansQuery.watch().valueChanges,
    (data) => data.availablePlans,
    { enabled: () => this.canChange() },
  );
  protected readonly upcoming = liveQuery(
    () => this.upcomingQuery.watch().valueChanges,
    (data) => data.upcomingInvoice,
    { enabled: () => this.canReadInvoices() },
  );
  protected readonly upcomingTotals = computed(() => {
    const upcoming = this.upcoming.data();
    return upcoming ? taxedTotals(upcoming, 'upcoming', this.locale) : [];
  });
  protected readonly onDefaultPlan = computed(
    () => this.offers.data()?.some((offer) => offer.current && offer.plan.isDefault) ?? false,
  );
  protected readonly defaultPlanName = computed(
    () => this.offers.data()?.find((offer) => offer.plan.isDefault)?.plan.name ?? 'default',
  );
  protected readonly resuming = signal(false);
  protected readonly message = userMessage;

  protected statusLabel(subscription: BillingSubscriptionFieldsFragment): string {
    return STATUS_LABELS[subscription.status];
  }

  protected baseFee(subscription: BillingSubscriptionFieldsFragment): string {
    return describeBaseFee(subscription.planVersion, this.locale);
  }

  protected seatPrice(subscription: BillingSubscriptionFieldsFragment): string {
    return describeSeatPrice(subscription.planVersion, this.locale);
  }

  protected daysLeft(subscription: BillingSubscriptionFieldsFragment): number {
    return Math.max(0, Math.ceil((new Date(subscription.currentPeriodEnd).getTime() - Date.now()) / DAY_MS));
  }

  protected seatShare(subscription: BillingSubscriptionFieldsFragment): number {
    return subscription.seatQuantity === 0 ? 0 : (100 * subscription.seatsInUse) / subscription.seatQuantity;
  }

  protected change(subscription: BillingSubscriptionFieldsFragment, mode: 'plan' | 'seats'): void {
    const offers = this.offers.data();
    if (!offers) {
      this.notifier.error(
        this.offers.error() ? userMessage(this.offers.error()) : 'The plans are still loading; try again.',
      );
      return;
    }
    openChangeSubscriptionDialog(this.dialog, { subscription, offers, mode }).subscribe((changed) => {
      if (!changed) return;
      this.upcoming.reload();
      this.offers.reload();
      this.notifier.success(this.describeChange(subscription, changed));
    });
  }

  protected cancel(subscription: BillingSubscriptionFieldsFragment): void {
    openCancelSubscriptionDialog(this.dialog, { subscription, defaultPlanName: this.defaultPlanName() }).subscribe(
      (cancelled) => {
        if (!cancelled) return;
        this.upcoming.reload();
        this.offers.reload();
        this.notifier.success(
          cancelled.cancelAtPeriodEnd
            ? `${subscription.planName} ends with this period`
            : `Now on ${cancelled.planName}`,
        );
      },
    );
  }

  protected async resume(): Promise<void> {
    this.resuming.set(true);
    try {
      const { resumeSubscription } = await dataOf(this.resumeMutation.mutate({}));
      this.upcoming.reload();
      this.notifier.success(`${resumeSubscription.planName} continues`);
    } catch (error) {
      this.notifier.error(userMessage(error));
    } finally {
      this.resuming.set(false);
    }
  }

  private describeChange(before: BillingSubscriptionFieldsFragment, after: BillingSubscriptionFieldsFragment): string {
    if (after.scheduledPlan && after.scheduledPlanVersion && !after.cancelAtPeriodEnd) {
      return `${after.scheduledPlan.name} v${after.scheduledPlanVersion.version} starts when this period ends`;
    }
    if (after.planVersion.id !== before.planVersion.id) return `Now on ${after.planName} v${after.planVersion.version}`;
    return `Seats changed to ${after.seatQuantity}`;
  }
}
