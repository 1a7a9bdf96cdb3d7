import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { TenantStatus } from '@warbler/console/data-access';

/** A tenant's standing at a glance: active, suspended by the operator, or suspended for non-payment. */
@Component({
  selector: 'wb-tenant-status-chip',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<span class="chip" [class.suspended]="status() === 'SUSPENDED'">{{ label() }}</span>`,
  styles: `
    .chip {
      display: inline-block;
      padding: 2px 10px;
      border-radius: 999px;
      font-size: 12px;
      font-weight: 500;
      white-space: nowrap;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    .suspended {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
  `,
})
export class TenantStatusChip {
  readonly status = input.required<TenantStatus>();
  readonly forNonPayment = input(false);

  protected readonly label = computed(() =>
    this.status() === 'ACTIVE' ? 'Active' : this.forNonPayment() ? 'Suspended · unpaid' : 'Suspended',
  );
}
