import { ChangeDetectionStrategy, Component, computed, inject, LOCALE_ID, output, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import {
  dataOf,
  type DiscountFieldsFragment,
  DiscountsGQL,
  liveQuery,
  PermissionsService,
  RedeemCouponGQL,
  userMessage,
} from '@warbler/console/data-access';
import { Notifier } from '@warbler/console/ui';
import { discountAmount, discountDuration, periodsLeftText } from './discount-terms';

/**
 * The tenant's active discounts, in the order invoices apply them, and (for its owners, admins and
 * billing admins) a field to redeem a coupon code. Every member sees what applies.
 */
@Component({
  selector: 'wb-discounts-card',
  imports: [ReactiveFormsModule, MatButton, MatFormFieldModule, MatIcon, MatInput],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (canRead()) {
      <section class="card" aria-labelledby="discounts-heading" data-testid="discounts">
        <div class="label" id="discounts-heading">Discounts</div>
        @if (discounts.error(); as error) {
          <p class="muted" role="alert">{{ message(error) }}</p>
        } @else if (discounts.loading() && !discounts.data()) {
          <p class="muted">Loading…</p>
        } @else if (discounts.data()?.length) {
          <ul class="discounts">
            @for (discount of discounts.data(); track discount.id) {
              <li data-testid="discount">
                <mat-icon aria-hidden="true">sell</mat-icon>
                <div>
                  <div class="name">
                    {{ discount.couponName }} <span class="code">{{ discount.couponCode }}</span>
                  </div>
                  <div class="muted">
                    {{ amount(discount) }}, {{ duration(discount) }} · {{ left(discount.periodsLeft) }}
                    @if (discount.eligiblePlans.length) {
                      · on {{ planNames(discount) }} only
                    }
                  </div>
                </div>
              </li>
            }
          </ul>
        } @else {
          <div class="big">None</div>
          <p class="muted">Discounts apply to period invoices before tax.</p>
        }
        @if (canRedeem()) {
          <form class="redeem" [formGroup]="form" (ngSubmit)="redeem()">
            <mat-form-field appearance="outline" subscriptSizing="dynamic">
              <mat-label>Coupon code</mat-label>
              <input matInput formControlName="code" autocomplete="off" spellcheck="false" data-testid="coupon-code" />
              @if (error(); as problem) {
                <mat-error>{{ problem }}</mat-error>
              }
            </mat-form-field>
            <button mat-stroked-button type="submit" [disabled]="busy()">Redeem</button>
          </form>
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
      margin: 4px 0 0;
      font: var(--mat-sys-title-large);
    }
    .muted {
      margin: 2px 0 0;
      color: var(--mat-sys-on-surface-variant);
    }
    .discounts {
      display: flex;
      flex-direction: column;
      gap: 10px;
      margin: 8px 0 0;
      padding: 0;
      list-style: none;
    }
    .discounts li {
      display: flex;
      gap: 10px;
      align-items: flex-start;
    }
    .discounts mat-icon {
      color: var(--mat-sys-primary);
    }
    .name {
      font: var(--mat-sys-title-small);
    }
    .code {
      margin-left: 4px;
      padding: 1px 6px;
      border-radius: var(--mat-sys-corner-extra-small);
      background: var(--mat-sys-surface-container-high);
      font: var(--mat-sys-label-small);
      letter-spacing: 0.04em;
    }
    .redeem {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: flex-start;
      margin-top: auto;
      padding-top: 16px;
    }
    .redeem mat-form-field {
      flex: 1 1 180px;
    }
    .redeem button {
      height: 56px;
    }
  `,
})
export class DiscountsCard {
  private readonly permissions = inject(PermissionsService);
  private readonly query = inject(DiscountsGQL);
  private readonly redeemMutation = inject(RedeemCouponGQL);
  private readonly notifier = inject(Notifier);
  private readonly locale = inject(LOCALE_ID);

  /** Emits after a code was redeemed, so the page can price the next invoice again. */
  readonly redeemed = output<DiscountFieldsFragment>();

  protected readonly canRead = computed(() => this.permissions.can('read', 'Discount'));
  protected readonly canRedeem = computed(() => this.permissions.can('create', 'Discount'));
  protected readonly discounts = liveQuery(
    () => this.query.watch({ fetchPolicy: 'cache-and-network' }).valueChanges,
    (data) => data.discounts,
    { enabled: () => this.canRead() },
  );
  // No required validator: a form that was submitted would show it as an error again once cleared.
  protected readonly code = new FormControl('', { nonNullable: true });
  protected readonly form = new FormGroup({ code: this.code });
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly message = userMessage;

  protected amount(discount: DiscountFieldsFragment): string {
    return discountAmount(discount, this.locale);
  }

  protected duration(discount: DiscountFieldsFragment): string {
    return discountDuration(discount);
  }

  protected left(periodsLeft: number | null | undefined): string {
    return periodsLeftText(periodsLeft ?? null);
  }

  protected planNames(discount: DiscountFieldsFragment): string {
    return discount.eligiblePlans.map((plan) => plan.name).join(', ');
  }

  protected async redeem(): Promise<void> {
    const code = this.code.value.trim();
    if (this.busy()) return;
    if (!code) {
      this.refuse('Enter a coupon code');
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      const { redeemCoupon } = await dataOf(this.redeemMutation.mutate({ variables: { code } }));
      this.code.reset();
      this.discounts.reload();
      this.notifier.success(`${redeemCoupon.couponName} applies to your next invoices`);
      this.redeemed.emit(redeemCoupon);
    } catch (error) {
      this.refuse(userMessage(error));
    } finally {
      this.busy.set(false);
    }
  }

  private refuse(message: string): void {
    this.error.set(message);
    this.code.setErrors({ redeem: true });
    this.code.markAsTouched();
  }
}
