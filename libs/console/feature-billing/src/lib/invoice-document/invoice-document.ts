import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, LOCALE_ID } from '@angular/core';
import { type InvoiceFieldsFragment, PermissionsService } from '@warbler/console/data-access';
import { MoneyLines } from '../lines/money-lines';
import { MoneyTotals, type TotalRow } from '../lines/money-totals';
import { taxedTotals } from '../lines/totals';
import { formatMoney } from '../money';
import { InvoiceCreditsList } from '../credits/invoice-credits-list';
import { CreditNotesList } from './credit-notes-list';
import { InvoicePayments } from './invoice-payments';
import { InvoiceStatusChip } from './invoice-status-chip';

/**
 * One invoice as both its tenant and finance read it: who and when, the amounts, the lines with
 * their explanations and the payments. Actions (download, finalize, record a payment) are projected
 * into its header.
 */
@Component({
  selector: 'wb-invoice-document',
  imports: [DatePipe, MoneyLines, MoneyTotals, CreditNotesList, InvoiceCreditsList, InvoicePayments, InvoiceStatusChip],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './invoice-document.html',
  styleUrl: './invoice-document.scss',
})
export class InvoiceDocument {
  private readonly locale = inject(LOCALE_ID);
  private readonly permissions = inject(PermissionsService);

  readonly invoice = input.required<InvoiceFieldsFragment>();
  /** Finance reads many tenants' invoices; a tenant knows whose it is. */
  readonly showTenant = input(false);

  protected readonly canDownload = computed(() => this.permissions.can('download', 'Invoice'));
  protected readonly issued = computed(() => ['OPEN', 'PAID'].includes(this.invoice().status));
  protected readonly totals = computed<TotalRow[]>(() => {
    const invoice = this.invoice();
    const rows = taxedTotals(invoice, 'invoice', this.locale);
    if (invoice.creditsAppliedMinor !== '0') {
      rows.push({
        label: 'Prepaid credits applied',
        minor: invoice.creditsAppliedMinor,
        deducted: true,
        testId: 'invoice-credits-applied',
      });
    }
    if (invoice.amountPaidMinor !== '0') rows.push({ label: 'Paid', minor: invoice.amountPaidMinor, deducted: true });
    if (invoice.amountCreditedMinor !== '0') {
      rows.push({ label: 'Credited', minor: invoice.amountCreditedMinor, deducted: true, testId: 'invoice-credited' });
    }
    if (this.issued()) {
      rows.push({ label: 'Amount due', minor: invoice.amountDueMinor, emphasis: true, testId: 'invoice-amount-due' });
    }
    return rows;
  });

  protected money(minor: string): string {
    return formatMoney(minor, this.invoice().currency, this.locale);
  }
}
