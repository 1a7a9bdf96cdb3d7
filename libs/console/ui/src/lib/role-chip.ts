import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TENANT_ROLE_LABELS, type TenantRoleName } from '@warbler/shared/permissions';
import { type ChipTone, StatusChip } from './status-chip';

const TONES: Record<TenantRoleName, ChipTone> = {
  OWNER: 'primary',
  ADMIN: 'secondary',
  BILLING_ADMIN: 'tertiary',
  MEMBER: 'neutral',
};

/** A tenant role as a small label; owners stand out, members stay quiet. */
@Component({
  selector: 'wb-role-chip',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [StatusChip],
  template: `<wb-status-chip [tone]="tone()">{{ label() }}</wb-status-chip>`,
})
export class RoleChip {
  readonly role = input.required<TenantRoleName>();
  protected readonly label = computed(() => TENANT_ROLE_LABELS[this.role()] ?? this.role());
  protected readonly tone = computed(() => TONES[this.role()] ?? 'neutral');
}
