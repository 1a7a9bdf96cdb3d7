import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { InvoiceStatus } from '@warbler/console/data-access';
import { type ChipTone, StatusChip } from '@warbler/console/ui';

const LABELS: Record<InvoiceStatus, string> = { DRAFT: 'Draft', OPEN: 'Open', PAID: 'Paid', VOID: 'Void' };

const HINTS: Record<InvoiceStatus, string> = {
  DRAFT: 'Not issued yet: finance may still finalize or void it',
  OPEN: 'Issued and waiting for payment',
  PAID: 'Paid in full',
  VOID: 'Cancelled: nothing is owed',
};

const TONES: Record<InvoiceStatus, ChipTone> = {
  DRAFT: 'tertiary',
  OPEN: 'primary',
  PAID: 'secondary',
  VOID: 'neutral',
};

/** Where an invoice stands, as a small coloured label; an open invoice past its due date says so. */
@Component({
  selector: 'wb-invoice-status-chip',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [StatusChip],
  template: `<wb-status-chip [tone]="tone()" [hint]="hint()" [struck]="status() === 'VOID'">{{
    label()
  }}</wb-status-chip>`,
})
export class InvoiceStatusChip {
  readonly status = input.required<InvoiceStatus>();
  readonly dueAt = input<string | null>(null);
  /** For tests; the chip reads the clock when it renders. */
  readonly now = input<Date>(new Date());

  private readonly overdue = computed(() => {
    const due = this.dueAt();
    return this.status() === 'OPEN' && due !== null && new Date(due).getTime() < this.now().getTime();
  });
  protected readonly label = computed(() => (this.overdue() ? 'Overdue' : LABELS[this.status()]));
  protected readonly hint = computed(() =>
    this.overdue() ? 'Past its due date and not paid in full' : HINTS[this.status()],
  );
  protected readonly tone = computed<ChipTone>(() => (this.overdue() ? 'error' : TONES[this.status()]));
}
