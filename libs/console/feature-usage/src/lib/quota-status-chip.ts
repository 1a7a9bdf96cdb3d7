import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { QuotaStatus } from '@warbler/console/data-access';
import { type ChipTone, StatusChip } from '@warbler/console/ui';

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

const TONES: Record<QuotaStatus, ChipTone> = {
  OK: 'secondary',
  WARNING: 'tertiary',
  EXCEEDED: 'error',
  OVERAGE: 'error',
};

/** Where a metric stands against its quota, as a small coloured label. */
@Component({
  selector: 'wb-quota-status-chip',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [StatusChip],
  template: `<wb-status-chip [tone]="tone()" [hint]="hint()">{{ label() }}</wb-status-chip>`,
})
export class QuotaStatusChip {
  readonly status = input.required<QuotaStatus>();
  protected readonly label = computed(() => LABELS[this.status()]);
  protected readonly hint = computed(() => HINTS[this.status()]);
  protected readonly tone = computed(() => TONES[this.status()]);
}
