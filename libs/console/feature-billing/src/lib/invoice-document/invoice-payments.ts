import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, input, LOCALE_ID } from '@angular/core';
import { MatTableModule } from '@angular/material/table';
import type { InvoiceFieldsFragment, PaymentMethod } from '@warbler/console/data-access';
import { formatMoney } from '../money';

export const PAYMENT_METHOD_LABELS: Record<PaymentMethod, string> = {
  BANK_TRANSFER: 'Bank transfer',
  CARD: 'Card',
  OTHER: 'Other',
};

/** The payments recorded against an invoice, oldest first. */
@Component({
  selector: 'wb-invoice-payments',
  imports: [DatePipe, MatTableModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <table mat-table [dataSource]="invoice().payments" aria-label="Payments">
      <ng-container matColumnDef="recordedAt">
        <th mat-header-cell *matHeaderCellDef>Recorded</th>
        <td mat-cell *matCellDef="let payment" class="time">{{ payment.recordedAt | date: 'medium' }}</td>
      </ng-container>
      <ng-container matColumnDef="method">
        <th mat-header-cell *matHeaderCellDef>Method</th>
        <td mat-cell *matCellDef="let payment">{{ methodLabel(payment) }}</td>
      </ng-container>
      <ng-container matColumnDef="reference">
        <th mat-header-cell *matHeaderCellDef>Reference</th>
        <td mat-cell *matCellDef="let payment">{{ payment.reference ?? '—' }}</td>
      </ng-container>
      <ng-container matColumnDef="amount">
        <th mat-header-cell *matHeaderCellDef class="number">Amount</th>
        <td mat-cell *matCellDef="let payment" class="number">{{ money(payment.amountMinor) }}</td>
      </ng-container>
      <tr mat-header-row *matHeaderRowDef="columns"></tr>
      <tr mat-row *matRowDef="let payment; columns: columns"></tr>
    </table>
  `,
  styles: `
    :host {
      display: block;
      overflow-x: auto;
    }
    table {
      width: 100%;
      min-width: 560px;
    }
    .number {
      text-align: right;
      white-space: nowrap;
      font-variant-numeric: tabular-nums;
    }
    .time {
      white-space: nowrap;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class InvoicePayments {
  private readonly locale = inject(LOCALE_ID);

  readonly invoice = input.required<InvoiceFieldsFragment>();

  protected readonly columns = ['recordedAt', 'method', 'reference', 'amount'];

  protected methodLabel(payment: InvoiceFieldsFragment['payments'][number]): string {
    return PAYMENT_METHOD_LABELS[payment.method];
  }

  protected money(minor: string): string {
    return formatMoney(minor, this.invoice().currency, this.locale);
  }
}
