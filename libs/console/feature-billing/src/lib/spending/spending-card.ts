import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, LOCALE_ID } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { liveQuery, PermissionsService, SpendingGQL, userMessage } from '@warbler/console/data-access';
import { Notifier } from '@warbler/console/ui';
import { formatMoney } from '../money';
import { openSpendingControlsDialog } from './spending-controls-dialog';
import { spendingShare, spendingState } from './spending-terms';

/**
 * This period's spend (usage charges before commitment, discounts and tax) against the tenant's
 * spending alert and hard cap, and the way to set them for those who may.
 */
@Component({
  selector: 'wb-spending-card',
  imports: [DatePipe, MatButton, MatIcon, MatProgressBar],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (canRead()) {
      <section class="card" aria-labelledby="spending-heading" data-testid="spending">
        <div class="label" id="spending-heading">Spending this period</div>
        @if (spending.error(); as error) {
          <p class="muted" role="alert">{{ message(error) }}</p>
          <div class="card-actions"><button mat-button type="button" (click)="spending.reload()">Retry</button></div>
        } @else if (spending.data(); as s) {
          <div class="big" data-testid="spent">{{ money(s.spentMinor, s.currency) }}</div>
          @if (share() !== null) {
            <mat-progress-bar
              mode="determinate"
              [class.capped]="state() === 'CAPPED'"
              [class.alerted]="state() === 'ALERTED'"
              [value]="share() ?? 0"
              [attr.aria-label]="'Spend against the ' + (s.capMinor !== null ? 'cap' : 'alert')"
            />
          }
          @if (state() === 'CAPPED') {
            <p class="state capped" role="status" data-testid="cap-reached">
              <mat-icon aria-hidden="true">block</mat-icon>
              Cap reached: usage that costs more is refused until {{ s.periodEnd | date: 'medium' }}.
            </p>
          }
          <dl>
            <dt>Alert</dt>
            <dd data-testid="alert">
              {{ s.alertMinor === null ? 'None' : money(s.alertMinor, s.currency) }}
              @if (s.alertSent) {
                <span class="muted">· sent this period</span>
              }
            </dd>
            <dt>Hard cap</dt>
            <dd data-testid="cap">
              {{ s.capMinor === null ? 'None' : money(s.capMinor, s.currency) }}
              @if (s.maxCapMinor !== null) {
                <span class="muted">· at most {{ money(s.maxCapMinor, s.currency) }}</span>
              }
            </dd>
            @if (s.minimumCommitmentMinor !== null) {
              <dt>Commitment</dt>
              <dd data-testid="commitment">{{ money(s.minimumCommitmentMinor, s.currency) }} per period</dd>
            }
          </dl>
          <p class="muted hint">Resets on {{ s.periodEnd | date: 'mediumDate' }}.</p>
          @if (canUpdate()) {
            <div class="card-actions">
              <button mat-stroked-button type="button" (click)="edit()" data-testid="set-spending">
                Set alert & cap
              </button>
            </div>
          }
        } @else {
          <p class="muted">Loading…</p>
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
      margin: 4px 0 8px;
      font: var(--mat-sys-title-large);
      font-variant-numeric: tabular-nums;
    }
    mat-progress-bar.alerted {
      --mat-progress-bar-active-indicator-color: var(--mat-sys-tertiary);
    }
    mat-progress-bar.capped {
      --mat-progress-bar-active-indicator-color: var(--mat-sys-error);
    }
    .state {
      display: flex;
      align-items: center;
      gap: 6px;
      margin: 8px 0 0;
      font: var(--mat-sys-body-small);
    }
    .state.capped {
      color: var(--mat-sys-error);
    }
    dl {
      display: grid;
      grid-template-columns: auto 1fr;
      gap: 2px 12px;
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
      margin: 4px 0 0;
      color: var(--mat-sys-on-surface-variant);
    }
    .hint {
      margin-top: auto;
      padding-top: 12px;
    }
    .card-actions {
      margin-top: 8px;
    }
  `,
})
export class SpendingCard {
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly permissions = inject(PermissionsService);
  private readonly spendingQuery = inject(SpendingGQL);
  private readonly locale = inject(LOCALE_ID);

  protected readonly canRead = computed(() => this.permissions.can('read', 'SpendingCap'));
  protected readonly canUpdate = computed(() => this.permissions.can('update', 'SpendingCap'));
  protected readonly spending = liveQuery(
    () => this.spendingQuery.watch({ fetchPolicy: 'network-only' }).valueChanges,
    (data) => data.spending,
    { enabled: () => this.canRead() },
  );
  protected readonly state = computed(() => {
    const s = this.spending.data();
    return s ? spendingState(s) : 'UNDER';
  });
  protected readonly share = computed(() => {
    const s = this.spending.data();
    return s ? spendingShare(s) : null;
  });
  protected readonly message = userMessage;

  protected money(minor: string, currency: string): string {
    return formatMoney(minor, currency, this.locale);
  }

  protected edit(): void {
    const current = this.spending.data();
    if (!current) return;
    openSpendingControlsDialog(this.dialog, current).subscribe((saved) => {
      if (!saved) return;
      this.spending.reload();
      this.notifier.success(
        saved.capMinor === null
          ? 'Spending alert saved; no cap is set'
          : `Usage past ${this.money(saved.capMinor, saved.currency)} this period will be refused`,
      );
    });
  }
}
