import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { type AuditActor, AuditLog } from '@warbler/api/audit';
import { type Actor, Database, type InvitationModel as InvitationRow, type TenantTx } from '@warbler/api/core';
import { type MyMembershipModel, PasswordHasher, type SessionUser } from '@warbler/api/identity';
import { TenantWebhooks } from '@warbler/api/webhooks';
import type { InvitationPreviewModel } from '../graphql/invitation-preview.model';
import { memberState } from '../shared/audit-states';
import { MEMBER_INCLUDE } from '../shared/member-record';
import { seatsInUse } from '../shared/seats-in-use';
import { TenancyAction } from '../shared/tenancy-actions';
import {
  accountExists,
  alreadyMember,
  invitationEmailMismatch,
  invitationExpired,
  invitationNotFound,
} from '../shared/tenancy-errors';
import { lockTenant } from '../shared/tenant-lock';
import { isUniqueViolation } from '../shared/unique-violation';
import { type InvitationTokenRef, InvitationTokens } from './invitation-tokens';
import { updatePending } from './update-pending';

export interface NewAccount {
  token: string;
  displayName: string;
  password: string;
}

/** Where a request without an actor came from, for the audit event it causes. */
export interface RequestOrigin {
  requestId: string;
  ip: string | null;
}

/**
 * The invitee's side. Nobody is signed in to the invitation's tenant yet, so each step
 * binds a client to the tenant named in the token, and the audit actor is the invitee.
 */
@Injectable()
export class InvitationAcceptance {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    private readonly tokens: InvitationTokens,
    private readonly passwords: PasswordHasher,
    private readonly webhooks: TenantWebhooks,
  ) {}

  async preview(token: string): Promise<InvitationPreviewModel> {
    const ref = this.locate(token);
    const { invitation, tenantName } = await this.db.forTenant(ref).transaction(async (tx) => ({
      invitation: await this.usable(tx, ref),
      tenantName: (await tx.tenant.findUniqueOrThrow({ where: { id: ref.tenantId }, select: { name: true } })).name,
    }));
    return {
      tenantName,
      email: invitation.email,
      role: invitation.role,
      expiresAt: invitation.expiresAt,
      accountExists: (await this.db.identity.user.count({ where: { email: invitation.email } })) > 0,
    };
  }

  /** A signed-in user accepts an invitation sent to their own address. */
  async accept(actor: Actor, token: string): Promise<MyMembershipModel> {
    const ref = this.locate(token);
    return this.db.forTenant(ref).transaction(async (tx) => {
      const invitation = await this.usable(tx, ref);
      const user = await tx.user.findUnique({ where: { id: actor.userId }, select: { id: true, email: true } });
      if (user?.email !== invitation.email) throw invitationEmailMismatch();
      return this.join(tx, { ...actor, email: user.email, tenantId: ref.tenantId }, invitation);
    });
  }

  /**
   * Creates the invitee's account and accepts in the same transaction. The invitation is
   * checked before the password is hashed, so a bad token costs no hashing, and again
   * inside the transaction, as it may have been revoked or used meanwhile.
   */
  async acceptWithNewAccount(
    account: NewAccount,
    origin: RequestOrigin,
  ): Promise<{ user: SessionUser; membership: MyMembershipModel }> {
    const ref = this.locate(account.token);
    const client = this.db.forTenant(ref);
    const invitation = await client.transaction((tx) => this.usable(tx, ref));
    if ((await this.db.identity.user.count({ where: { email: invitation.email } })) > 0) throw accountExists();
    const passwordHash = await this.passwords.hash(account.password);
    return client
      .transaction(async (tx) => {
        const current = await this.usable(tx, ref);
        const user = await tx.user.create({
          data: { id: randomUUID(), email: current.email, displayName: account.displayName.trim(), passwordHash },
          select: { id: true, email: true, staffRole: true, mfaEnabledAt: true },
        });
        const actor: AuditActor = {
          ...origin,
          userId: user.id,
          email: user.email,
          impersonatorUserId: null,
          tenantId: ref.tenantId,
        };
        return { user, membership: await this.join(tx, actor, current) };
      })
      .catch((error: unknown) => {
        throw isUniqueViolation(error) ? accountExists() : error;
      });
  }

  /**
   * Makes the invitee an active member with the invited role (again, if they had been
   * removed), with a seat if the invitation asks for one and one is free: a full tenant
   * still lets them in, without a seat.
   */
  private async join(tx: TenantTx, actor: AuditActor, invitation: InvitationRow): Promise<MyMembershipModel> {
    const { seatLimit } = await lockTenant(tx, invitation.tenantId);
    await updatePending(tx, invitation, { status: 'ACCEPTED', acceptedAt: new Date() });
    const key = { tenantId_userId: { tenantId: invitation.tenantId, userId: actor.userId } };
    const previous = await tx.membership.findUnique({ where: key, include: MEMBER_INCLUDE });
    if (previous?.status === 'ACTIVE') throw alreadyMember(invitation.email);
    const inUse = invitation.assignSeat ? await seatsInUse(tx) : 0;
    const seatAssigned = invitation.assignSeat && inUse < seatLimit;
    const member = previous
      ? await tx.membership.update({
          where: key,
          data: { status: 'ACTIVE', role: invitation.role, seatAssigned },
          include: MEMBER_INCLUDE,
        })
      : await tx.membership.create({
          data: {
            tenantId: invitation.tenantId,
            id: randomUUID(),
            userId: actor.userId,
            role: invitation.role,
            seatAssigned,
          },
          include: MEMBER_INCLUDE,
        });
    const tenant = await tx.tenant.findUniqueOrThrow({
      where: { id: invitation.tenantId },
      select: { id: true, name: true, slug: true },
    });
    // The invitee took the last free seat, or wanted one and found none.
    if (invitation.assignSeat && (!seatAssigned || inUse + 1 === seatLimit)) {
      await this.webhooks.publish(tx, invitation.tenantId, 'seat_limit.reached', {
        seat_limit: seatLimit,
        seats_in_use: seatAssigned ? inUse + 1 : inUse,
        trigger: 'invitation_accepted',
        member_id: member.id,
      });
    }
    await this.audit.record(tx, actor, {
      action: TenancyAction.invitationAccepted,
      targetType: 'Member',
      targetId: member.id,
      before: previous ? memberState(previous) : undefined,
      after: { ...memberState(member), invitationId: invitation.id },
    });
    return { tenant, role: member.role };
  }

  private locate(token: string): InvitationTokenRef {
    const ref = this.tokens.read(token);
    if (!ref) throw invitationNotFound();
    return ref;
  }

  /** Revoked, accepted and unknown invitations are all simply not found. */
  private async usable(tx: TenantTx, ref: InvitationTokenRef): Promise<InvitationRow> {
    const invitation = await tx.invitation.findFirst({ where: { tokenHash: ref.tokenHash, status: 'PENDING' } });
    if (!invitation) throw invitationNotFound();
    if (invitation.expiresAt <= new Date()) throw invitationExpired();
    return invitation;
  }
}
