import { Body, Controller, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { clientIp, Public, type WarblerRequest } from '@warbler/api/access';
import { SessionIssuer } from '@warbler/api/identity';
import { AcceptInvitationBody } from './accept-invitation.body';
import { InvitationAcceptance } from './invitation-acceptance.service';

export interface AcceptedWithNewAccount {
  accessToken: string;
  expiresAt: Date;
  tenantId: string;
}

/** An invitee without an account joins and signs in in one step. */
@Controller('auth/invitations')
export class AcceptInvitationController {
  constructor(
    private readonly acceptance: InvitationAcceptance,
    private readonly sessions: SessionIssuer,
  ) {}

  @Post('accept')
  @Public('the invitation token is the credential: a new account is created from it')
  async accept(
    @Body() body: AcceptInvitationBody,
    @Req() request: WarblerRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AcceptedWithNewAccount> {
    const { user, membership } = await this.acceptance.acceptWithNewAccount(body, {
      requestId: request.requestId,
      ip: clientIp(request),
    });
    const { accessToken, expiresAt } = await this.sessions.startSession(user, request, response, { mfaPassed: false });
    return { accessToken, expiresAt, tenantId: membership.tenant.id };
  }
}
