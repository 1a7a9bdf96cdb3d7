import { ChangeDetectionStrategy, Component, computed, inject, input, LOCALE_ID } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import {
  type BillingTermsFieldsFragment,
  FinanceTenantBillingTermsGQL,
  liveQuery,
  PermissionsService,
  userMessage,
} from '@warbler/console/data-access';
import { formatMoney } from '@warbler/console/feature-billing';
import { ErrorState, LoadingState, Notifier } from '@warbler/console/ui';
import { type BillingTermsEdit, openBillingTermsDialog } from './billing-terms-dialog';

/**
 * A tenant's commitment and spending limits for finance and platform admins, with the alert and cap
 * the tenant set within them, and the ways to change what the viewer may.
 */
@Component({
  selector: 'wb-tenant-billing-terms-panel',
  imports: [MatButton, MatIcon, ErrorState, LoadingState],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card" aria-labelledby="terms-title" data-testid="billing-terms">
      <div class="head">
        <h2 id="terms-title">Commitment and spending limits</h2>
        <div class="actions">
          @if (terms.data(); as t) {
            @if (canCommit()) {
              <button mat-stroked-button type="button" (click)="edit(t, 'commitment')" data-testid="set-commitment">
                <mat-icon>handshake</mat-icon> Set commitment
              </button>
            }
            @if (canLimit()) {
              <button mat-stroked-button type="button" (click)="edit(t, 'limits')" data-testid="set-limits">
                <mat-icon>speed</mat-icon> Set limits
              </button>
            }
          }
        </div>
      </div>
      @if (terms.error(); as error) {
        <wb-error-state
          title="The billing terms could not be loaded"
          [message]="message(error)"
          (retry)="terms.reload()"
        />
      } @else if (terms.data(); as t) {
        <dl>
          <dt>Minimum commitment</dt>
          <dd data-testid="terms-commitment">
            {{ t.minimumCommitmentMinor === null ? 'None' : amount(t, t.minimumCommitmentMinor, '') + ' per period' }}
          </dd>
          <dt>Highest cap</dt>
          <dd data-testid="terms-max-cap">
            {{ amount(t, t.maxSpendingCapMinor, 'Any') }}{{ t.spendingCapRequired ? ' · cap required' : '' }}
          </dd>
          <dt>Tenant's alert</dt>
          <dd>{{ amount(t, t.spendingAlertMinor, 'None') }}</dd>
          <dt>Tenant's cap</dt>
          <dd data-testid="terms-cap">{{ amount(t, t.spendingCapMinor, 'None') }}</dd>
        </dl>
        <p class="muted">Amounts are in {{ t.currency }}, the currency the tenant's plan bills in.</p>
      } @else {
        <wb-loading-state [rows]="2" label="Loading the billing terms" />
      }
    </section>
  `,
  styles: `
    /* On a page's card grid it takes a whole row, like the other wide cards. */
    :host {
      display: block;
      grid-column: 1 / -1;
      min-width: 0;
    }
    .card {
      padding: 16px 20px;
      border-radius: var(--mat-sys-corner-medium);
      border: 1px solid var(--mat-sys-outline-variant);
      background: var(--mat-sys-surface);
    }
    .head {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 12px;
    }
    .actions {
      display: flex;
      gap: 8px;
    }
    h2 {
      margin: 0;
      font: var(--mat-sys-title-medium);
    }
    dl {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 4px 16px;
      margin: 12px 0 0;
    }
    dt {
      color: var(--mat-sys-on-surface-variant);
    }
    dd {
      margin: 0;
      font-variant-numeric: tabular-nums;
    }
    .muted {
      margin: 12px 0 0;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class TenantBillingTermsPanel {
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly permissions = inject(PermissionsService);
  private readonly termsQuery = inject(FinanceTenantBillingTermsGQL);
  private readonly locale = inject(LOCALE_ID);

  readonly tenantId = input.required<string>();

  protected readonly canCommit = computed(() => this.permissions.can('update', 'BillingTerms'));
  protected readonly canLimit = computed(() => this.permissions.can('update', 'SpendingLimit'));
  protected readonly terms = liveQuery(
    () => this.termsQuery.watch({ variables: { tenantId: this.tenantId() }, fetchPolicy: 'network-only' }).valueChanges,
    (data) => data.financeTenantBillingTerms,
  );
  protected readonly message = userMessage;

  protected amount(terms: BillingTermsFieldsFragment, minor: string | null, none: string): string {
    return minor === null ? none : formatMoney(minor, terms.currency, this.locale);
  }

  protected edit(terms: BillingTermsFieldsFragment, edit: BillingTermsEdit): void {
    openBillingTermsDialog(this.dialog, { edit, terms }).subscribe((saved) => {
      if (!saved) return;
      this.terms.reload();
      this.notifier.success(
        edit === 'commitment'
          ? `${saved.tenantName}'s commitment is ${this.amount(saved, saved.minimumCommitmentMinor, 'removed')}`
          : `${saved.tenantName}'s spending limits are saved`,
      );
    });
  }
}
