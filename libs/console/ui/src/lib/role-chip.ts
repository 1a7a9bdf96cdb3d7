import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TENANT_ROLE_LABELS, type TenantRoleName } from '@warbler/shared/permissions';

/** A tenant role as a small label; owners stand out, members stay quiet. */
@Component({
  selector: 'wb-role-chip',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `{{ label() }}`,
  host: { '[class]': 'tone()' },
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
    :host(.owner) {
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }
    :host(.admin) {
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    :host(.billing_admin) {
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
  `,
})
export class RoleChip {
  readonly role = input.required<TenantRoleName>();
  protected readonly label = computed(() => TENANT_ROLE_LABELS[this.role()] ?? this.role());
  protected readonly tone = computed(() => this.role().toLowerCase());
}
