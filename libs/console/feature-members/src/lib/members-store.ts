import { computed, inject, Injectable } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import {
  AssignSeatGQL,
  ChangeMemberRoleGQL,
  CurrentTenantGQL,
  dataOf,
  InvitationsGQL,
  liveQuery,
  type MemberFieldsFragment,
  MembersGQL,
  PermissionsService,
  RemoveMemberGQL,
  ResendInvitationGQL,
  RevokeInvitationGQL,
  SessionStore,
  TransferOwnershipGQL,
  UnassignSeatGQL,
  userMessage,
  type InvitationFieldsFragment,
} from '@warbler/console/data-access';
import { confirmAction, Notifier } from '@warbler/console/ui';
import { TENANT_ROLE_LABELS, type TenantRoleName } from '@warbler/shared/permissions';
import { firstValueFrom } from 'rxjs';
import { openAcceptLink } from './accept-link-dialog';

export type Member = MemberFieldsFragment;
export type Invitation = InvitationFieldsFragment;

/**
 * The members page's data and everything that changes it. Each action reports its outcome
 * in a snackbar and answers whether it went through, so controls can undo their own state.
 */
@Injectable()
export class MembersStore {
  private readonly session = inject(SessionStore);
  private readonly permissions = inject(PermissionsService);
  private readonly notifier = inject(Notifier);
  private readonly dialog = inject(MatDialog);
  private readonly membersQuery = inject(MembersGQL);
  private readonly tenantQuery = inject(CurrentTenantGQL);
  private readonly invitationsQuery = inject(InvitationsGQL);
  private readonly changeRoleMutation = inject(ChangeMemberRoleGQL);
  private readonly assignSeatMutation = inject(AssignSeatGQL);
  private readonly unassignSeatMutation = inject(UnassignSeatGQL);
  private readonly removeMutation = inject(RemoveMemberGQL);
  private readonly transferMutation = inject(TransferOwnershipGQL);
  private readonly resendMutation = inject(ResendInvitationGQL);
  private readonly revokeMutation = inject(RevokeInvitationGQL);

  readonly members = liveQuery(
    () => this.membersQuery.watch().valueChanges,
    (data) => [...data.members].sort(byName),
  );
  readonly tenant = liveQuery(
    () => this.tenantQuery.watch().valueChanges,
    (data) => data.currentTenant,
  );
  readonly invitations = liveQuery(
    () => this.invitationsQuery.watch().valueChanges,
    (data) => data.invitations,
    { enabled: () => this.permissions.can('read', 'Invitation') },
  );

  readonly seatsFull = computed(() => {
    const tenant = this.tenant.data();
    return !!tenant && tenant.seatsAssigned >= tenant.seatLimit;
  });
  readonly myUserId = computed(() => this.session.me()?.user.id ?? null);
  readonly myRole = computed(() => this.session.me()?.currentRole ?? null);

  async changeRole(member: Member, role: TenantRoleName): Promise<boolean> {
    return this.run(async () => {
      await dataOf(
        this.changeRoleMutation.mutate({
          variables: { memberId: member.id, role },
        }),
      );
      if (member.user.id === this.myUserId()) await this.session.reload();
      return `${member.user.displayName} is now ${article(role)} ${TENANT_ROLE_LABELS[role].toLowerCase()}`;
    });
  }

  async setSeat(member: Member, assigned: boolean): Promise<boolean> {
    return this.run(async () => {
      const variables = { memberId: member.id };
      if (assigned) await dataOf(this.assignSeatMutation.mutate({ variables }));
      else await dataOf(this.unassignSeatMutation.mutate({ variables }));
      this.tenant.reload();
      return assigned ? `Seat assigned to ${member.user.displayName}` : `Seat released from ${member.user.displayName}`;
    });
  }

  async remove(member: Member): Promise<boolean> {
    const confirmed = await firstValueFrom(
      confirmAction(this.dialog, {
        title: `Remove ${member.user.displayName}?`,
        message: `${member.user.email} loses access to this tenant at once${member.seatAssigned ? ' and their seat is released' : ''}.`,
        confirmLabel: 'Remove',
        destructive: true,
      }),
    );
    if (!confirmed) return false;
    return this.run(async () => {
      await dataOf(this.removeMutation.mutate({ variables: { memberId: member.id } }));
      this.members.reload();
      this.tenant.reload();
      return `${member.user.displayName} was removed`;
    });
  }

  async transferOwnership(member: Member): Promise<boolean> {
    const confirmed = await firstValueFrom(
      confirmAction(this.dialog, {
        title: `Make ${member.user.displayName} the owner?`,
        message: 'They get full control of this tenant, including billing and ownership. You become an admin.',
        confirmLabel: 'Transfer ownership',
        destructive: true,
      }),
    );
    if (!confirmed) return false;
    return this.run(async () => {
      await dataOf(this.transferMutation.mutate({ variables: { memberId: member.id } }));
      this.members.reload();
      await this.session.reload();
      return `${member.user.displayName} now owns this tenant`;
    });
  }

  async resend(invitation: Invitation): Promise<boolean> {
    return this.run(async () => {
      const { resendInvitation } = await dataOf(this.resendMutation.mutate({ variables: { id: invitation.id } }));
      openAcceptLink(this.dialog, resendInvitation);
      return `A new link was sent to ${invitation.email}`;
    });
  }

  async revoke(invitation: Invitation): Promise<boolean> {
    const confirmed = await firstValueFrom(
      confirmAction(this.dialog, {
        title: 'Revoke this invitation?',
        message: `The link sent to ${invitation.email} stops working.`,
        confirmLabel: 'Revoke',
        destructive: true,
      }),
    );
    if (!confirmed) return false;
    return this.run(async () => {
      await dataOf(this.revokeMutation.mutate({ variables: { id: invitation.id } }));
      this.invitations.reload();
      return `The invitation for ${invitation.email} was revoked`;
    });
  }

  /** After the invite dialog created an invitation. */
  invited(): void {
    this.invitations.reload();
    this.tenant.reload();
  }

  private async run(work: () => Promise<string>): Promise<boolean> {
    try {
      this.notifier.success(await work());
      return true;
    } catch (error) {
      this.notifier.error(userMessage(error));
      return false;
    }
  }
}

/** By name, so rows stay put when a role or seat changes under the pointer. */
function byName(a: Member, b: Member): number {
  return a.user.displayName.localeCompare(b.user.displayName) || a.user.email.localeCompare(b.user.email);
}

function article(role: TenantRoleName): string {
  return role === 'OWNER' || role === 'ADMIN' ? 'an' : 'a';
}
