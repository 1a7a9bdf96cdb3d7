import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { InvoiceStatus } from '@warbler/console/data-access';

const LABELS: Record<InvoiceStatus, string> = { DRAFT: 'Draft', OPEN: 'Open', PAID: 'Paid', VOID: 'Void' };

const HINTS: Record<InvoiceStatus, string> = {
  DRAFT: 'Not issued yet: finance may still finalize or void it',
  OPEN: 'Issued and waiting for payment',
  PAID: 'Paid in full',
  VOID: 'Cancelled: nothing is owed',
};

/** Where an invoice stands, as a small coloured label; an open invoice past its due date says so. */
@Component({
  selector: 'wb-invoice-status-chip',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `{{ label() }}`,
  host: { '[class]': 'tone()', '[attr.title]': 'hint()' },
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      height: 24px;
      padding: 0 10px;
      border-radius: 12px;
      font: var(--mat-sys-label-medium);
      white-space: nowrap;
      background: var(--mat-sys-surface-container-high);
      color: var(--mat-sys-on-surface-variant);
    }
    :host(.open) {
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }
    :host(.paid) {
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    :host(.draft) {
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
    :host(.overdue) {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    :host(.void) {
      text-decoration: line-through;
    }
  `,
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
  protected readonly tone = computed(() => (this.overdue() ? 'overdue' : this.status().toLowerCase()));
}
