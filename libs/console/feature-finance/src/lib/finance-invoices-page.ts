import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, LOCALE_ID, signal } from '@angular/core';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import {
  dataOf,
  FinalizeInvoiceGQL,
  type InvoiceFieldsFragment,
  type InvoiceStatus,
  PermissionsService,
  userMessage,
  VoidInvoiceGQL,
} from '@warbler/console/data-access';
import { formatMoney, InvoiceDocument, InvoiceFileActions, InvoiceStatusChip } from '@warbler/console/feature-billing';
import { confirmAction, EmptyState, ErrorState, LoadingState, Notifier, PageHeader } from '@warbler/console/ui';
import { firstValueFrom } from 'rxjs';
import { openCreditNoteDialog } from './credit-note-dialog';
import { FinanceInvoicesStore } from './finance-invoices.store';
import { openRecordPaymentDialog } from './record-payment-dialog';
import { plainPercent } from './tax-rate';
import { openTaxRateDialog } from './tax-rate-dialog';
import { openVoidInvoiceDialog } from './void-invoice-dialog';

const STATUSES: { value: InvoiceStatus; label: string }[] = [
  { value: 'DRAFT', label: 'Draft' },
  { value: 'OPEN', label: 'Open' },
  { value: 'PAID', label: 'Paid' },
  { value: 'VOID', label: 'Void' },
];

/** The finance desk: every tenant's invoices, drafts included, and what finance does with them. */
@Component({
  selector: 'wb-finance-invoices-page',
  imports: [
    DatePipe,
    MatButton,
    MatIconButton,
    MatFormFieldModule,
    MatIcon,
    MatSelectModule,
    MatTableModule,
    PageHeader,
    EmptyState,
    ErrorState,
    LoadingState,
    InvoiceDocument,
    InvoiceFileActions,
    InvoiceStatusChip,
  ],
  providers: [FinanceInvoicesStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './finance-invoices-page.html',
  styleUrl: './finance-invoices-page.scss',
})
export class FinanceInvoicesPage {
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly permissions = inject(PermissionsService);
  private readonly finalizeMutation = inject(FinalizeInvoiceGQL);
  private readonly voidMutation = inject(VoidInvoiceGQL);
  private readonly locale = inject(LOCALE_ID);
  protected readonly store = inject(FinanceInvoicesStore);

  protected readonly statuses = STATUSES;
  protected readonly columns = ['expand', 'number', 'tenant', 'period', 'status', 'total', 'amountDue'];
  protected readonly expanded = signal<string | null>(null);
  protected readonly busy = signal<string | null>(null);
  protected readonly canFinalize = computed(() => this.permissions.can('finalize', 'Invoice'));
  protected readonly canVoid = computed(() => this.permissions.can('void', 'Invoice'));
  protected readonly canRecordPayment = computed(() => this.permissions.can('recordPayment', 'Invoice'));
  protected readonly canDownload = computed(() => this.permissions.can('download', 'Invoice'));
  protected readonly canCredit = computed(() => this.permissions.can('create', 'CreditNote'));
  protected readonly canSetTaxRate = computed(() => this.permissions.can('update', 'TaxRate'));
  protected readonly filteredTenant = computed(() => {
    const id = this.store.filter().tenantId;
    return id === null ? null : (this.store.tenants().find((tenant) => tenant.id === id) ?? null);
  });
  protected readonly message = userMessage;

  protected money(minor: string, currency: string): string {
    return formatMoney(minor, currency, this.locale);
  }

  protected filterStatus(status: InvoiceStatus | null): void {
    this.store.filter.update((filter) => ({ ...filter, status }));
  }

  protected filterTenant(tenantId: string | null): void {
    this.store.filter.update((filter) => ({ ...filter, tenantId }));
  }

  protected toggle(invoice: InvoiceFieldsFragment): void {
    this.expanded.update((id) => (id === invoice.id ? null : invoice.id));
  }

  protected async loadMore(): Promise<void> {
    const error = await this.store.pages.loadMore();
    if (error) this.notifier.error(userMessage(error));
  }

  protected async finalize(invoice: InvoiceFieldsFragment): Promise<void> {
    const confirmed = await firstValueFrom(
      confirmAction(this.dialog, {
        title: `Finalize ${invoice.tenantName}'s invoice?`,
        message:
          `It takes the next invoice number, becomes immutable and is shown to the tenant, ` +
          `due in 14 days. Total: ${this.money(invoice.totalMinor, invoice.currency)}.`,
        confirmLabel: 'Finalize',
      }),
    );
    if (!confirmed) return;
    this.busy.set(invoice.id);
    try {
      const { finalizeInvoice } = await dataOf(this.finalizeMutation.mutate({ variables: { id: invoice.id } }));
      this.store.pages.replace(finalizeInvoice);
      this.notifier.success(`Finalized as ${finalizeInvoice.number}`);
    } catch (error) {
      this.notifier.error(userMessage(error));
    } finally {
      this.busy.set(null);
    }
  }

  protected voidInvoice(invoice: InvoiceFieldsFragment): void {
    openVoidInvoiceDialog(this.dialog, this.voidMutation, invoice).subscribe((voided) => {
      if (!voided) return;
      this.store.pages.replace(voided);
      this.notifier.success(`${voided.number ?? 'The draft'} was voided`);
    });
  }

  protected recordPayment(invoice: InvoiceFieldsFragment): void {
    openRecordPaymentDialog(this.dialog, invoice).subscribe((paid) => {
      if (!paid) return;
      this.store.pages.replace(paid);
      this.notifier.success(
        paid.status === 'PAID' ? `${paid.number} is paid in full` : `Payment recorded against ${paid.number}`,
      );
    });
  }

  protected creditNote(invoice: InvoiceFieldsFragment): void {
    openCreditNoteDialog(this.dialog, invoice).subscribe((issued) => {
      if (!issued) return;
      // The invoice's amounts changed with it; read the page again rather than guess them.
      this.store.pages.reload();
      this.notifier.success(`${issued.number} issued for ${this.money(issued.totalMinor, issued.currency)}`);
    });
  }

  protected taxRate(tenant: { id: string; name: string }): void {
    openTaxRateDialog(this.dialog, { tenantId: tenant.id, tenantName: tenant.name }).subscribe((saved) => {
      if (!saved) return;
      this.notifier.success(
        saved.taxRatePercent === null
          ? `${saved.tenantName}'s next invoices carry no tax`
          : `${saved.tenantName}'s next invoices carry ${plainPercent(saved.taxRatePercent)}% tax`,
      );
    });
  }

  /** Voiding is refused once money was received; the button is not offered then. */
  protected voidable(invoice: InvoiceFieldsFragment): boolean {
    return invoice.status === 'DRAFT' || (invoice.status === 'OPEN' && invoice.amountPaidMinor === '0');
  }
}
