import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, input, LOCALE_ID } from '@angular/core';
import { MatTableModule } from '@angular/material/table';
import type { InvoiceFieldsFragment } from '@warbler/console/data-access';
import { formatMoney } from '../money';
import { CREDIT_KIND_LABELS } from './credit-labels';

type InvoiceCredit = InvoiceFieldsFragment['credits'][number];

/** The prepaid credit grants that paid an invoice, in the order they were spent, and what a void gave back. */
@Component({
  selector: 'wb-invoice-credits-list',
  imports: [DatePipe, MatTableModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <table mat-table [dataSource]="credits()" aria-label="Prepaid credits applied" data-testid="invoice-credits">
      <ng-container matColumnDef="grant">
        <th mat-header-cell *matHeaderCellDef>Grant</th>
        <td mat-cell *matCellDef="let credit">{{ credit.grantReason }}</td>
      </ng-container>
      <ng-container matColumnDef="kind">
        <th mat-header-cell *matHeaderCellDef>Kind</th>
        <td mat-cell *matCellDef="let credit">{{ kindLabel(credit) }}</td>
      </ng-container>
      <ng-container matColumnDef="expires">
        <th mat-header-cell *matHeaderCellDef>Expires</th>
        <td mat-cell *matCellDef="let credit" class="muted">
          {{ credit.grantExpiresAt ? (credit.grantExpiresAt | date: 'mediumDate') : 'Never' }}
        </td>
      </ng-container>
      <ng-container matColumnDef="applied">
        <th mat-header-cell *matHeaderCellDef class="number">Applied</th>
        <td mat-cell *matCellDef="let credit" class="number">{{ money(credit.appliedMinor) }}</td>
      </ng-container>
      <ng-container matColumnDef="restored">
        <th mat-header-cell *matHeaderCellDef class="number">Returned on void</th>
        <td mat-cell *matCellDef="let credit" class="number">
          {{ credit.restoredMinor === '0' ? '—' : money(credit.restoredMinor) }}
        </td>
      </ng-container>
      <tr mat-header-row *matHeaderRowDef="columns"></tr>
      <tr mat-row *matRowDef="let credit; columns: columns"></tr>
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
    .muted {
      white-space: nowrap;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class InvoiceCreditsList {
  private readonly locale = inject(LOCALE_ID);

  readonly credits = input.required<InvoiceCredit[]>();
  readonly currency = input.required<string>();

  protected readonly columns = ['grant', 'kind', 'expires', 'applied', 'restored'];

  protected kindLabel(credit: InvoiceCredit): string {
    return CREDIT_KIND_LABELS[credit.grantKind];
  }

  protected money(minor: string): string {
    return formatMoney(minor, this.currency(), this.locale);
  }
}
