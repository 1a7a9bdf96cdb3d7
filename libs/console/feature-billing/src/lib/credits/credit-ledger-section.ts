import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { CreditLedgerGQL, dataOf, PermissionsService, userMessage } from '@warbler/console/data-access';
import { EmptyState, ErrorState, LoadingState, Notifier } from '@warbler/console/ui';
import { cursorPages } from '../cursor-pages';
import { CreditLedgerTable } from './credit-ledger-table';

const PAGE_SIZE = 20;

/** The tenant's credit ledger on its billing page: every grant, use, return and expiry, newest first. */
@Component({
  selector: 'wb-credit-ledger-section',
  imports: [MatButton, EmptyState, ErrorState, LoadingState, CreditLedgerTable],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (canRead()) {
      <section class="card" aria-labelledby="ledger-heading">
        <h2 id="ledger-heading">Credit ledger</h2>
        @if (ledger.error(); as error) {
          <wb-error-state title="The ledger could not be loaded" [message]="message(error)" (retry)="ledger.reload()" />
        } @else if (ledger.loading()) {
          <wb-loading-state [rows]="3" label="Loading the credit ledger" />
        } @else if (ledger.items().length === 0) {
          <wb-empty-state
            icon="savings"
            title="No credits yet"
            message="Credits granted to this tenant, and every invoice they pay, are listed here."
          />
        } @else {
          <wb-credit-ledger-table [entries]="ledger.items()" />
          @if (ledger.hasMore()) {
            <div class="more">
              <button mat-stroked-button type="button" [disabled]="ledger.loadingMore()" (click)="loadMore()">
                {{ ledger.loadingMore() ? 'Loading…' : 'Load more' }}
              </button>
            </div>
          }
        }
      </section>
    }
  `,
  styles: `
    .card {
      padding: 16px 20px;
      border-radius: var(--mat-sys-corner-medium);
      border: 1px solid var(--mat-sys-outline-variant);
      background: var(--mat-sys-surface);
    }
    h2 {
      margin: 0 0 8px;
      font: var(--mat-sys-title-medium);
    }
    .more {
      display: flex;
      justify-content: center;
      padding: 16px 0 0;
    }
  `,
})
export class CreditLedgerSection {
  private readonly permissions = inject(PermissionsService);
  private readonly query = inject(CreditLedgerGQL);
  private readonly notifier = inject(Notifier);

  protected readonly canRead = computed(() => this.permissions.can('read', 'CreditGrant'));
  protected readonly ledger = cursorPages(signal(null), async (_filter, after) => {
    if (!this.canRead()) return { items: [], next: null };
    const { creditLedger } = await dataOf(
      this.query.fetch({ variables: { first: PAGE_SIZE, after }, fetchPolicy: 'network-only' }),
    );
    return {
      items: creditLedger.edges.map((edge) => edge.node),
      next: creditLedger.pageInfo.hasNextPage ? (creditLedger.pageInfo.endCursor ?? null) : null,
    };
  });
  protected readonly message = userMessage;

  async loadMore(): Promise<void> {
    const error = await this.ledger.loadMore();
    if (error) this.notifier.error(userMessage(error));
  }
}
