import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import {
  BillingProviderGQL,
  CreateBillingPortalSessionGQL,
  CreatePaymentMethodCheckoutGQL,
  dataOf,
  liveQuery,
  PaymentMethodGQL,
  PermissionsService,
  userMessage,
} from '@warbler/console/data-access';
import { Notifier } from '@warbler/console/ui';

/**
 * The card Stripe charges this tenant's invoices to, with the ways to add or manage it in Stripe.
 * Shown only when Stripe collects payments; with the local provider finance records them instead.
 */
@Component({
  selector: 'wb-payment-method-card',
  imports: [MatButton, MatIcon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (stripe()) {
      <section class="card" aria-labelledby="payment-heading" data-testid="payment-method">
        <div class="label" id="payment-heading">Payment method</div>
        @if (method.error(); as error) {
          <p class="muted">{{ message(error) }}</p>
        } @else if (method.loading()) {
          <p class="muted">Loading…</p>
        } @else if (method.data(); as card) {
          <div class="big">
            <mat-icon aria-hidden="true">credit_card</mat-icon>
            {{ brand(card.brand) }} •••• {{ card.last4 }}
          </div>
          <p class="muted">Expires {{ card.expMonth.toString().padStart(2, '0') }}/{{ card.expYear }}</p>
        } @else {
          <div class="big">No card yet</div>
          <p class="muted">Add a card so invoices are paid when they are issued.</p>
        }
        @if (canUpdate()) {
          <div class="card-actions">
            @if (!method.data()) {
              <button mat-flat-button type="button" [disabled]="redirecting()" (click)="addCard()">Add a card</button>
            }
            <button mat-stroked-button type="button" [disabled]="redirecting()" (click)="manage()">
              <mat-icon>open_in_new</mat-icon>
              Manage in Stripe
            </button>
          </div>
        }
      </section>
    }
  `,
  styles: `
    :host {
      display: contents;
    }
    .card {
      display: flex;
      flex-direction: column;
      padding: 16px 20px;
      border-radius: var(--mat-sys-corner-medium);
      border: 1px solid var(--mat-sys-outline-variant);
      background: var(--mat-sys-surface);
    }
    .label {
      font: var(--mat-sys-label-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    .big {
      display: flex;
      align-items: center;
      gap: 8px;
      margin: 4px 0 0;
      font: var(--mat-sys-title-large);
    }
    .muted {
      margin: 4px 0 0;
      color: var(--mat-sys-on-surface-variant);
    }
    .card-actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      margin-top: auto;
      padding-top: 16px;
    }
  `,
})
export class PaymentMethodCard {
  private readonly permissions = inject(PermissionsService);
  private readonly providerQuery = inject(BillingProviderGQL);
  private readonly methodQuery = inject(PaymentMethodGQL);
  private readonly checkout = inject(CreatePaymentMethodCheckoutGQL);
  private readonly portal = inject(CreateBillingPortalSessionGQL);
  private readonly notifier = inject(Notifier);

  private readonly canRead = computed(() => this.permissions.can('read', 'PaymentMethod'));
  protected readonly canUpdate = computed(() => this.permissions.can('update', 'PaymentMethod'));
  private readonly provider = liveQuery(
    () => this.providerQuery.watch().valueChanges,
    (data) => data.billingProvider,
    { enabled: () => this.canRead() },
  );
  protected readonly stripe = computed(() => this.provider.data() === 'STRIPE');
  protected readonly method = liveQuery(
    () => this.methodQuery.watch().valueChanges,
    (data) => data.paymentMethod,
    { enabled: () => this.stripe() },
  );
  protected readonly redirecting = signal(false);
  protected readonly message = userMessage;

  protected brand(brand: string): string {
    return brand.charAt(0).toUpperCase() + brand.slice(1);
  }

  protected addCard(): Promise<void> {
    return this.redirect(async (returnUrl) => {
      const { createPaymentMethodCheckout } = await dataOf(this.checkout.mutate({ variables: { returnUrl } }));
      return createPaymentMethodCheckout.url;
    });
  }

  protected manage(): Promise<void> {
    return this.redirect(async (returnUrl) => {
      const { createBillingPortalSession } = await dataOf(this.portal.mutate({ variables: { returnUrl } }));
      return createBillingPortalSession.url;
    });
  }

  /** Stripe's pages send the browser back here when the person is done. */
  private async redirect(open: (returnUrl: string) => Promise<string>): Promise<void> {
    this.redirecting.set(true);
    try {
      window.location.assign(await open(`${window.location.origin}/billing`));
    } catch (error) {
      this.notifier.error(userMessage(error));
      this.redirecting.set(false);
    }
  }
}
