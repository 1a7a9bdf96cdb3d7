import type { MatDialog } from '@angular/material/dialog';
import { dataOf, type InvoiceFieldsFragment, userMessage, type VoidInvoiceGQL } from '@warbler/console/data-access';
import { openReasonDialog } from '@warbler/console/ui';
import type { Observable } from 'rxjs';

/**
 * Voids a draft or an unpaid open invoice, with the reason the tenant and the auditors will read.
 * Emits the voided invoice, or undefined when the dialog was cancelled.
 */
export function openVoidInvoiceDialog(
  dialog: MatDialog,
  voidInvoice: VoidInvoiceGQL,
  invoice: InvoiceFieldsFragment,
): Observable<InvoiceFieldsFragment | undefined> {
  const numbering = invoice.number
    ? 'It keeps its number, so the sequence stays without gaps.'
    : 'A voided draft never gets a number.';
  return openReasonDialog(dialog, {
    title: `Void ${invoice.number ?? 'this draft'}?`,
    context: `${invoice.tenantName} will owe nothing for it. ${numbering} This cannot be undone.`,
    confirmLabel: 'Void invoice',
    busyLabel: 'Voiding the invoice',
    destructive: true,
    submit: async (reason) => (await dataOf(voidInvoice.mutate({ variables: { id: invoice.id, reason } }))).voidInvoice,
    describeError: userMessage,
  });
}
