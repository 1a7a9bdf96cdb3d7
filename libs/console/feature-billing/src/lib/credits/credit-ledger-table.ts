import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, input, LOCALE_ID } from '@angular/core';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import type { CreditLedgerPageFieldsFragment } from '@warbler/console/data-access';
import { formatMoney } from '../money';
import { CREDIT_MOVEMENT_LABELS } from './credit-labels';

export type CreditLedgerRow = CreditLedgerPageFieldsFragment['edges'][number]['node'];

/**
 * Movements of prepaid credits, newest first: when, which grant, what happened, the invoice it concerns,
 * the signed amount and the grant's balance after it. Tenants follow the invoice link; staff, who read
 * invoices elsewhere, see its number.
 */
@Component({
  selector: 'wb-credit-ledger-table',
  imports: [DatePipe, MatTableModule, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="table-scroll">
      <table mat-table [dataSource]="entries()" aria-label="Credit ledger" data-testid="credit-ledger">
        <ng-container matColumnDef="occurredAt">
          <th mat-header-cell *matHeaderCellDef>When</th>
          <td mat-cell *matCellDef="let entry" class="muted nowrap">{{ entry.occurredAt | date: 'medium' }}</td>
        </ng-container>
        <ng-container matColumnDef="grant">
          <th mat-header-cell *matHeaderCellDef>Grant</th>
          <td mat-cell *matCellDef="let entry">{{ entry.grantReason }}</td>
        </ng-container>
        <ng-container matColumnDef="kind">
          <th mat-header-cell *matHeaderCellDef>Movement</th>
          <td mat-cell *matCellDef="let entry" class="nowrap">{{ movementLabel(entry) }}</td>
        </ng-container>
        <ng-container matColumnDef="invoice">
          <th mat-header-cell *matHeaderCellDef>Invoice</th>
          <td mat-cell *matCellDef="let entry" class="nowrap">
            @if (entry.invoiceNumber) {
              @if (linkInvoices()) {
                <a [routerLink]="['/invoices', entry.invoiceId]">{{ entry.invoiceNumber }}</a>
              } @else {
                {{ entry.invoiceNumber }}
              }
            } @else {
              <span class="muted">—</span>
            }
          </td>
        </ng-container>
        <ng-container matColumnDef="amount">
          <th mat-header-cell *matHeaderCellDef class="money">Amount</th>
          <td mat-cell *matCellDef="let entry" class="money" [class.adds]="!entry.amountMinor.startsWith('-')">
            {{ signed(entry) }}
          </td>
        </ng-container>
        <ng-container matColumnDef="balance">
          <th mat-header-cell *matHeaderCellDef class="money">Grant balance</th>
          <td mat-cell *matCellDef="let entry" class="money muted">
            {{ money(entry.balanceAfterMinor, entry.currency) }}
          </td>
        </ng-container>
        <tr mat-header-row *matHeaderRowDef="columns"></tr>
        <tr mat-row *matRowDef="let entry; columns: columns"></tr>
      </table>
    </div>
  `,
  styles: `
    .table-scroll {
      overflow-x: auto;
    }
    table {
      width: 100%;
      min-width: 760px;
    }
    .nowrap {
      white-space: nowrap;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
    .money {
      text-align: right;
      white-space: nowrap;
      font-variant-numeric: tabular-nums;
    }
    .adds {
      color: var(--mat-sys-primary);
      font-weight: 500;
    }
    a {
      color: inherit;
      font-weight: 500;
    }
  `,
})
export class CreditLedgerTable {
  private readonly locale = inject(LOCALE_ID);

  readonly entries = input.required<CreditLedgerRow[]>();
  /** Tenants open the invoice a movement concerns; staff see its number only. */
  readonly linkInvoices = input(true);

  protected readonly columns = ['occurredAt', 'grant', 'kind', 'invoice', 'amount', 'balance'];

  protected movementLabel(entry: CreditLedgerRow): string {
    return CREDIT_MOVEMENT_LABELS[entry.kind];
  }

  protected signed(entry: CreditLedgerRow): string {
    const amount = this.money(entry.amountMinor, entry.currency);
    return entry.amountMinor.startsWith('-') ? amount : `+${amount}`;
  }

  protected money(minor: string, currency: string): string {
    return formatMoney(minor, currency, this.locale);
  }
}
