import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, LOCALE_ID, signal } from '@angular/core';
import { MatIconButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatTableModule } from '@angular/material/table';
import type { InvoiceLineKind } from '@warbler/console/data-access';
import { formatDecimal, formatMoney, formatPrice } from '../money';
import { LINE_KIND_LABELS } from './invoice-line-kinds';
import { type ExplainFact, explainLine } from './line-explain';

/** A priced line as invoices, estimates and change previews all carry it. */
export interface MoneyLine {
  kind: InvoiceLineKind;
  description: string;
  quantity: string;
  unitPrice: string;
  amountMinor: string;
  periodStart: string;
  periodEnd: string;
  explain: unknown;
}

interface Row {
  number: number;
  line: MoneyLine;
  facts: ExplainFact[];
}

/**
 * Priced lines with their money right-aligned in one currency, each one opening onto the arithmetic
 * that produced it (quantities, tiers, prices, the usage rollup and quota, the share of a prorated
 * period).
 */
@Component({
  selector: 'wb-money-lines',
  imports: [DatePipe, MatIconButton, MatIcon, MatTableModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './money-lines.html',
  styleUrl: './money-lines.scss',
  host: { '[class.compact]': 'compact()' },
})
export class MoneyLines {
  private readonly locale = inject(LOCALE_ID);

  readonly lines = input.required<readonly MoneyLine[]>();
  readonly currency = input.required<string>();
  /** The period the lines belong to; a line covering only part of it (a proration) shows its own dates. */
  readonly periodStart = input<string | null>(null);
  readonly periodEnd = input<string | null>(null);
  readonly label = input('Lines');
  readonly emptyMessage = input('Nothing is charged.');
  /** For narrow places (a dialog's side): the description carries the arithmetic, so quantity and unit price go. */
  readonly compact = input(false);

  protected readonly columns = computed(() =>
    this.compact() ? ['expand', 'description', 'amount'] : ['expand', 'description', 'quantity', 'unitPrice', 'amount'],
  );
  protected readonly open = signal<ReadonlySet<number>>(new Set());
  protected readonly rows = computed<Row[]>(() =>
    this.lines().map((line, index) => ({
      number: index + 1,
      line,
      facts: explainLine(line, this.currency(), { locale: this.locale }),
    })),
  );

  protected toggle(row: Row): void {
    this.open.update((open) => {
      const next = new Set(open);
      if (!next.delete(row.number)) next.add(row.number);
      return next;
    });
  }

  protected kindLabel(row: Row): string {
    return LINE_KIND_LABELS[row.line.kind];
  }

  protected money(minor: string): string {
    return formatMoney(minor, this.currency(), this.locale);
  }

  protected price(major: string): string {
    return formatPrice(major, this.currency(), this.locale);
  }

  protected quantity(decimal: string): string {
    return formatDecimal(decimal, this.locale);
  }

  protected partOfPeriod(row: Row): boolean {
    const start = this.periodStart();
    const end = this.periodEnd();
    if (start === null || end === null) return false;
    return !sameInstant(row.line.periodStart, start) || !sameInstant(row.line.periodEnd, end);
  }
}

function sameInstant(a: string, b: string): boolean {
  return new Date(a).getTime() === new Date(b).getTime();
}
