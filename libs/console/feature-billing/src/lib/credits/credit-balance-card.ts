import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, LOCALE_ID } from '@angular/core';
import { MatIcon } from '@angular/material/icon';
import { CreditsGQL, liveQuery, PermissionsService, userMessage } from '@warbler/console/data-access';
import { formatMoney } from '../money';

/**
 * What the tenant has in prepaid credits, per currency, and what lapses first. Credits pay the next
 * invoices of their currency when they are issued, soonest expiry first.
 */
@Component({
  selector: 'wb-credit-balance-card',
  imports: [DatePipe, MatIcon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (canRead()) {
      <section class="card" aria-labelledby="credits-heading" data-testid="credit-balance">
        <div class="label" id="credits-heading">Prepaid credits</div>
        @if (credits.error(); as error) {
          <p class="muted" role="alert">{{ message(error) }}</p>
        } @else if (credits.loading() && !credits.data()) {
          <p class="muted">Loading…</p>
        } @else if (credits.data()?.balances?.length) {
          @for (balance of credits.data()?.balances; track balance.currency) {
            <div class="big" data-testid="credit-balance-amount">
              <mat-icon aria-hidden="true">savings</mat-icon>
              {{ money(balance.availableMinor, balance.currency) }}
            </div>
            @if (balance.nextExpiryAt) {
              <p class="muted">
                {{ money(balance.nextExpiryMinor ?? '0', balance.currency) }} expires on
                {{ balance.nextExpiryAt | date: 'mediumDate' }}
              </p>
            } @else {
              <p class="muted">Never expires</p>
            }
          }
          <p class="muted hint">Applied to your next invoices when they are issued.</p>
        } @else {
          <div class="big">None</div>
          <p class="muted">Prepaid or promotional credits you receive pay your invoices first.</p>
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
      font-variant-numeric: tabular-nums;
    }
    .muted {
      margin: 4px 0 0;
      color: var(--mat-sys-on-surface-variant);
    }
    .hint {
      margin-top: auto;
      padding-top: 12px;
    }
  `,
})
export class CreditBalanceCard {
  private readonly permissions = inject(PermissionsService);
  private readonly creditsQuery = inject(CreditsGQL);
  private readonly locale = inject(LOCALE_ID);

  protected readonly canRead = computed(() => this.permissions.can('read', 'CreditGrant'));
  protected readonly credits = liveQuery(
    () => this.creditsQuery.watch({ fetchPolicy: 'network-only' }).valueChanges,
    (data) => data.credits,
    { enabled: () => this.canRead() },
  );
  protected readonly message = userMessage;

  protected money(minor: string, currency: string): string {
    return formatMoney(minor, currency, this.locale);
  }
}
