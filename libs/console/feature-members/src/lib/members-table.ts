import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatIconButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { type MatSelectChange, MatSelectModule } from '@angular/material/select';
import { type MatSlideToggleChange, MatSlideToggle } from '@angular/material/slide-toggle';
import { MatTableModule } from '@angular/material/table';
import { MatTooltip } from '@angular/material/tooltip';
import { PermissionsService } from '@warbler/console/data-access';
import { Avatar, RoleChip } from '@warbler/console/ui';
import { asSubject, type TenantRoleName } from '@warbler/shared/permissions';
import { type Member, MembersStore } from './members-store';
import { assignableRoles } from './roles';

/** The people of the tenant, with the controls the signed-in person's role allows. */
@Component({
  selector: 'wb-members-table',
  imports: [
    DatePipe,
    MatTableModule,
    MatSelectModule,
    MatSlideToggle,
    MatTooltip,
    MatMenuModule,
    MatIcon,
    MatIconButton,
    Avatar,
    RoleChip,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './members-table.html',
  styleUrl: './members-table.scss',
})
export class MembersTable {
  private readonly permissions = inject(PermissionsService);
  protected readonly store = inject(MembersStore);

  readonly members = input.required<readonly Member[]>();
  readonly seatLimit = input.required<number>();

  protected readonly columns = ['member', 'role', 'seat', 'joinedAt', 'actions'];
  protected readonly roleOptions = computed(() => assignableRoles(this.store.myRole()));

  protected canChangeRole(member: Member): boolean {
    return this.permissions.can('changeRole', subjectOf(member));
  }

  protected canAssignSeat(member: Member): boolean {
    return this.permissions.can('assignSeat', subjectOf(member));
  }

  protected canRemove(member: Member): boolean {
    return member.user.id !== this.store.myUserId() && this.permissions.can('delete', subjectOf(member));
  }

  protected canTransfer(member: Member): boolean {
    return (
      member.role !== 'OWNER' &&
      member.user.id !== this.store.myUserId() &&
      this.permissions.can('transferOwnership', 'Member')
    );
  }

  /** No free seat for someone without one: the toggle is off and says why. */
  protected seatBlocked(member: Member): boolean {
    return !member.seatAssigned && this.store.seatsFull();
  }

  protected seatTooltip(member: Member): string {
    if (this.seatBlocked(member)) return `All ${this.seatLimit()} seats are assigned. Release one to assign it here.`;
    return member.seatAssigned ? 'Release this seat' : 'Assign a seat';
  }

  async changeRole(member: Member, change: MatSelectChange<TenantRoleName>): Promise<void> {
    if (!(await this.store.changeRole(member, change.value))) change.source.value = member.role;
  }

  async toggleSeat(member: Member, change: MatSlideToggleChange): Promise<void> {
    if (!(await this.store.setSeat(member, change.checked))) change.source.checked = member.seatAssigned;
  }
}

/** The record the rules' conditions (e.g. "not an owner") are checked against. */
function subjectOf(member: Member) {
  return asSubject('Member', { role: member.role, userId: member.user.id });
}
