import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { QuotaStatus } from '@warbler/console/data-access';

const LABELS: Record<QuotaStatus, string> = {
  OK: 'OK',
  WARNING: 'Warning',
  EXCEEDED: 'Exceeded',
  OVERAGE: 'Overage',
};

const HINTS: Record<QuotaStatus, string> = {
  OK: 'Under 80% of the limit',
  WARNING: '80% of the limit or more',
  EXCEEDED: 'Hard limit reached: further usage is refused until the period resets',
  OVERAGE: 'Soft limit passed: usage is still accepted and billed as overage',
};

/** Where a metric stands against its quota, as a small coloured label. */
@Component({
  selector: 'wb-quota-status-chip',
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
    :host(.ok) {
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    :host(.warning) {
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
    :host(.exceeded),
    :host(.overage) {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
  `,
})
export class QuotaStatusChip {
  readonly status = input.required<QuotaStatus>();
  protected readonly label = computed(() => LABELS[this.status()]);
  protected readonly hint = computed(() => HINTS[this.status()]);
  protected readonly tone = computed(() => this.status().toLowerCase());
}
