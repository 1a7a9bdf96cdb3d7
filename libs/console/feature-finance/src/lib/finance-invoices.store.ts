import { computed, inject, Injectable, signal } from '@angular/core';
import {
  dataOf,
  FinanceInvoicesGQL,
  type InvoiceFieldsFragment,
  type InvoiceStatus,
} from '@warbler/console/data-access';
import { cursorPages } from '@warbler/console/feature-billing';

export interface FinanceFilter {
  status: InvoiceStatus | null;
  tenantId: string | null;
}

export interface KnownTenant {
  id: string;
  name: string;
}

const PAGE_SIZE = 20;

/**
 * Every tenant's invoices for the finance desk, filtered by status and tenant and read page by page.
 * The API does not list tenants, so the tenant filter offers those seen in the invoices so far.
 */
@Injectable()
export class FinanceInvoicesStore {
  private readonly query = inject(FinanceInvoicesGQL);
  private readonly seenTenants = signal<ReadonlyMap<string, string>>(new Map());

  readonly filter = signal<FinanceFilter>({ status: null, tenantId: null });
  readonly pages = cursorPages<InvoiceFieldsFragment, FinanceFilter>(this.filter, async (filter, after) => {
    const { financeInvoices } = await dataOf(
      this.query.fetch({
        variables: { ...filter, first: PAGE_SIZE, after },
        fetchPolicy: 'network-only',
      }),
    );
    const items = financeInvoices.edges.map((edge) => edge.node);
    this.remember(items);
    return {
      items,
      next: financeInvoices.pageInfo.hasNextPage ? (financeInvoices.pageInfo.endCursor ?? null) : null,
    };
  });
  readonly tenants = computed<KnownTenant[]>(() =>
    [...this.seenTenants()].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name)),
  );

  private remember(invoices: InvoiceFieldsFragment[]): void {
    const known = new Map(this.seenTenants());
    for (const invoice of invoices) known.set(invoice.tenantId, invoice.tenantName);
    if (known.size !== this.seenTenants().size) this.seenTenants.set(known);
  }
}
