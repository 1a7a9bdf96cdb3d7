import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditLog } from '@warbler/api/audit';
import {
  Database,
  type InvitationModel as InvitationRow,
  type TenantActor,
  type TenantRole,
  type TenantTx,
} from '@warbler/api/core';
import { type InvitationModel, toInvitation } from '../graphql/invitation.model';
import type { InvitationLinkModel } from '../graphql/invitation-link.model';
import { invitationState } from '../shared/audit-states';
import { assertMayGrant } from '../shared/member-permissions';
import { TenancyAction } from '../shared/tenancy-actions';
import { alreadyMember, duplicateInvitation, invitationNotFound } from '../shared/tenancy-errors';
import { isUniqueViolation } from '../shared/unique-violation';
import { InvitationMail, type InvitationLetter } from './invitation-mail';
import { InvitationTokens } from './invitation-tokens';
import { updatePending } from './update-pending';

export interface Invite {
  email: string;
  role: TenantRole;
  assignSeat?: boolean | null;
}

/** Inviting people by e-mail: issuing, resending and revoking invitation links. */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    private readonly tokens: InvitationTokens,
    private readonly mail: InvitationMail,
  ) {}

  /** Pending invitations, expired ones included: they are the ones to resend. */
  async list(actor: TenantActor): Promise<InvitationModel[]> {
    const rows = await this.db.forTenant(actor).invitation.findMany({
      where: { status: 'PENDING' },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    });
    return rows.map((row) => toInvitation(row));
  }

  async invite(actor: TenantActor, invite: Invite): Promise<InvitationLinkModel> {
    const email = invite.email.trim().toLowerCase();
    assertMayGrant(actor, invite.role);
    const issued = this.tokens.issue(actor.tenantId);
    const { invitation, letter } = await this.db
      .forTenant(actor)
      .transaction(async (tx) => {
        if (await tx.membership.findFirst({ where: { status: 'ACTIVE', user: { email } }, select: { id: true } })) {
          throw alreadyMember(email);
        }
        if (await tx.invitation.findFirst({ where: { email, status: 'PENDING' }, select: { id: true } })) {
          throw duplicateInvitation(email);
        }
        const created = await tx.invitation.create({
          data: {
            tenantId: actor.tenantId,
            id: randomUUID(),
            email,
            role: invite.role,
            assignSeat: invite.assignSeat ?? false,
            tokenHash: issued.tokenHash,
            invitedByUserId: actor.userId,
            expiresAt: issued.expiresAt,
          },
        });
        const sent = await this.send(tx, actor, created, issued.acceptUrl);
        await this.audit.record(tx, actor, {
          action: TenancyAction.memberInvited,
          targetType: 'Invitation',
          targetId: created.id,
          after: invitationState(created),
        });
        return { invitation: created, letter: sent };
      })
      // Two invitations racing past the check above meet the one-pending-per-address index.
      .catch((error: unknown) => {
        throw isUniqueViolation(error) ? duplicateInvitation(email) : error;
      });
    this.mail.announce(letter);
    return { invitation: toInvitation(invitation), acceptUrl: issued.acceptUrl };
  }

  /** A new link and a new expiry; the old link stops working. */
  async resend(actor: TenantActor, invitationId: string): Promise<InvitationLinkModel> {
    const issued = this.tokens.issue(actor.tenantId);
    const { invitation, letter } = await this.db.forTenant(actor).transaction(async (tx) => {
      const pending = await this.pending(tx, invitationId);
      assertMayGrant(actor, pending.role);
      const renewed = await updatePending(tx, pending, {
        tokenHash: issued.tokenHash,
        expiresAt: issued.expiresAt,
        lastSentAt: new Date(),
        sendCount: { increment: 1 },
      });
      const sent = await this.send(tx, actor, renewed, issued.acceptUrl);
      await this.audit.record(tx, actor, {
        action: TenancyAction.invitationResent,
        targetType: 'Invitation',
        targetId: pending.id,
        before: invitationState(pending),
        after: invitationState(renewed),
      });
      return { invitation: renewed, letter: sent };
    });
    this.mail.announce(letter);
    return { invitation: toInvitation(invitation), acceptUrl: issued.acceptUrl };
  }

  async revoke(actor: TenantActor, invitationId: string): Promise<InvitationModel> {
    const revoked = await this.db.forTenant(actor).transaction(async (tx) => {
      const pending = await this.pending(tx, invitationId);
      assertMayGrant(actor, pending.role);
      const updated = await updatePending(tx, pending, { status: 'REVOKED' });
      await this.audit.record(tx, actor, {
        action: TenancyAction.invitationRevoked,
        targetType: 'Invitation',
        targetId: pending.id,
        before: invitationState(pending),
      });
      return updated;
    });
    return toInvitation(revoked);
  }

  /** Row-level security hides other tenants' invitations: their ids read as unknown. */
  private async pending(tx: TenantTx, invitationId: string): Promise<InvitationRow> {
    const invitation = await tx.invitation.findFirst({ where: { id: invitationId, status: 'PENDING' } });
    if (!invitation) throw invitationNotFound();
    return invitation;
  }

  private async send(
    tx: TenantTx,
    actor: TenantActor,
    invitation: InvitationRow,
    acceptUrl: string,
  ): Promise<InvitationLetter> {
    const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: invitation.tenantId }, select: { name: true } });
    const letter: InvitationLetter = {
      tenantId: invitation.tenantId,
      tenantName: tenant.name,
      to: invitation.email,
      invitedBy: actor.email,
      role: invitation.role,
      acceptUrl,
      expiresAt: invitation.expiresAt,
    };
    await this.mail.enqueue(tx, letter);
    return letter;
  }
}
