import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { PermissionsService, SessionStore, userMessage } from '@warbler/console/data-access';
import { EmptyState, ErrorState, LoadingState, PageHeader } from '@warbler/console/ui';
import { InvitationsList } from './invitations-list';
import { openInviteDialog } from './invite-dialog';
import { MembersStore } from './members-store';
import { MembersTable } from './members-table';
import { SeatUsage } from './seat-usage';

@Component({
  selector: 'wb-members-page',
  imports: [
    MatButton,
    MatIcon,
    PageHeader,
    EmptyState,
    ErrorState,
    LoadingState,
    SeatUsage,
    MembersTable,
    InvitationsList,
  ],
  providers: [MembersStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './members-page.html',
  styleUrl: './members-page.scss',
})
export class MembersPage {
  private readonly dialog = inject(MatDialog);
  private readonly permissions = inject(PermissionsService);
  private readonly session = inject(SessionStore);
  protected readonly store = inject(MembersStore);

  protected readonly canInvite = computed(() => this.permissions.can('invite', 'Member'));
  protected readonly canSeeInvitations = computed(() => this.permissions.can('read', 'Invitation'));
  protected readonly subtitle = computed(() => {
    const tenant = this.session.currentMembership()?.tenant.name;
    return tenant ? `Who can use ${tenant}, with which role, and who holds a seat` : undefined;
  });
  protected readonly message = userMessage;

  invite(): void {
    const tenant = this.store.tenant.data();
    const seatsFree = tenant ? Math.max(0, tenant.seatLimit - tenant.seatsAssigned) : 0;
    openInviteDialog(this.dialog, {
      myRole: this.store.myRole(),
      seatsFree,
    }).subscribe((invited) => {
      if (invited) this.store.invited();
    });
  }
}
