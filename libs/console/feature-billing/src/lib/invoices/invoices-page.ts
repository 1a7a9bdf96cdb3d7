import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, LOCALE_ID, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatTableModule } from '@angular/material/table';
import { Router, RouterLink } from '@angular/router';
import { dataOf, InvoicesGQL, type InvoiceSummaryFieldsFragment, userMessage } from '@warbler/console/data-access';
import { EmptyState, ErrorState, LoadingState, Notifier, PageHeader } from '@warbler/console/ui';
import { cursorPages } from '../cursor-pages';
import { InvoiceStatusChip } from '../invoice-document/invoice-status-chip';
import { formatMoney } from '../money';

const PAGE_SIZE = 20;

/** The tenant's issued invoices, newest period first. */
@Component({
  selector: 'wb-invoices-page',
  imports: [
    DatePipe,
    MatButton,
    MatTableModule,
    RouterLink,
    PageHeader,
    EmptyState,
    ErrorState,
    LoadingState,
    InvoiceStatusChip,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './invoices-page.html',
  styleUrl: './invoices-page.scss',
})
export class InvoicesPage {
  private readonly query = inject(InvoicesGQL);
  private readonly router = inject(Router);
  private readonly notifier = inject(Notifier);
  private readonly locale = inject(LOCALE_ID);

  protected readonly invoices = cursorPages(signal(null), async (_filter, after) => {
    const { invoices } = await dataOf(
      this.query.fetch({ variables: { first: PAGE_SIZE, after }, fetchPolicy: 'network-only' }),
    );
    return {
      items: invoices.edges.map((edge) => edge.node),
      next: invoices.pageInfo.hasNextPage ? (invoices.pageInfo.endCursor ?? null) : null,
    };
  });
  protected readonly columns = ['number', 'period', 'status', 'dueAt', 'total', 'paid', 'amountDue'];
  protected readonly message = userMessage;

  protected money(minor: string, currency: string): string {
    return formatMoney(minor, currency, this.locale);
  }

  protected open(invoice: InvoiceSummaryFieldsFragment): void {
    void this.router.navigate(['/invoices', invoice.id]);
  }

  async loadMore(): Promise<void> {
    const error = await this.invoices.loadMore();
    if (error) this.notifier.error(userMessage(error));
  }
}
