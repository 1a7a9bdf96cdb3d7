import { ChangeDetectionStrategy, Component, inject, input, LOCALE_ID } from '@angular/core';
import { formatMoney } from '../money';

export interface TotalRow {
  label: string;
  minor: string;
  /** Shown larger: the total and what is due. */
  emphasis?: boolean;
  /** Shown as taken off, e.g. payments received. */
  deducted?: boolean;
  testId?: string;
}

/** The sums under a list of lines, right-aligned under their amounts. */
@Component({
  selector: 'wb-money-totals',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <dl [attr.aria-label]="label()">
      @for (row of rows(); track row.label) {
        <dt [class.emphasis]="row.emphasis">{{ row.label }}</dt>
        <dd [class.emphasis]="row.emphasis" [attr.data-testid]="row.testId ?? null">
          {{ row.deducted ? '−' : '' }}{{ money(row.minor) }}
        </dd>
      }
    </dl>
  `,
  styles: `
    dl {
      display: grid;
      grid-template-columns: max-content minmax(9rem, max-content);
      justify-content: end;
      gap: 6px 32px;
      margin: 0;
      /* Lines above end with their own border; the right edge lines up with their amounts. */
      padding: 16px 16px 20px;
    }
    dt {
      color: var(--mat-sys-on-surface-variant);
    }
    dd {
      margin: 0;
      text-align: right;
      white-space: nowrap;
      font-variant-numeric: tabular-nums;
    }
    .emphasis {
      font: var(--mat-sys-title-medium);
      color: var(--mat-sys-on-surface);
    }
  `,
})
export class MoneyTotals {
  private readonly locale = inject(LOCALE_ID);

  readonly rows = input.required<readonly TotalRow[]>();
  readonly currency = input.required<string>();
  readonly label = input('Totals');

  protected money(minor: string): string {
    return formatMoney(minor, this.currency(), this.locale);
  }
}
