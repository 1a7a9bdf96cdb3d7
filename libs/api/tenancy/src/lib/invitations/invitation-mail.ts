import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { TenantRole, TenantTx } from '@warbler/api/core';
import { TENANT_ROLE_LABELS } from '@warbler/shared/permissions';

export interface InvitationLetter {
  tenantId: string;
  tenantName: string;
  to: string;
  invitedBy: string;
  role: TenantRole;
  acceptUrl: string;
  expiresAt: Date;
}

/**
 * The invitation e-mail goes to the outbox in the same transaction as the invitation, so
 * there is never an invitation without its mail or a mail for a rolled-back invitation.
 * Until an SMTP relay delivers the outbox, the log is the transport: announce() prints
 * the link once the transaction has committed.
 */
@Injectable()
export class InvitationMail {
  private readonly logger = new Logger(InvitationMail.name);

  async enqueue(tx: TenantTx, letter: InvitationLetter): Promise<void> {
    await tx.outboxEmail.create({
      data: {
        tenantId: letter.tenantId,
        id: randomUUID(),
        toEmail: letter.to,
        subject: `${letter.invitedBy} invited you to ${letter.tenantName} on Warbler`,
        body: [
          `${letter.invitedBy} invited you to join ${letter.tenantName} on Warbler as ${TENANT_ROLE_LABELS[letter.role]}.`,
          '',
          `Accept the invitation: ${letter.acceptUrl}`,
          '',
          `The link works until ${letter.expiresAt.toUTCString()}. If you did not expect it, ignore this e-mail.`,
        ].join('\n'),
        link: letter.acceptUrl,
      },
    });
  }

  announce(letter: Pick<InvitationLetter, 'to' | 'tenantName' | 'acceptUrl'>): void {
    this.logger.log(`Invitation to ${letter.tenantName} for ${letter.to}: ${letter.acceptUrl}`);
  }
}
