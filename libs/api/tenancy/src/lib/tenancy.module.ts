import { Module } from '@nestjs/common';
import { AuditModule } from '@warbler/api/audit';
import { IdentityModule } from '@warbler/api/identity';
import { WebhookEventsModule } from '@warbler/api/webhooks';
import { AcceptInvitationController } from './invitations/accept-invitation.controller';
import { InvitationAcceptanceResolver } from './invitations/invitation-acceptance.resolver';
import { InvitationAcceptance } from './invitations/invitation-acceptance.service';
import { InvitationMail } from './invitations/invitation-mail';
import { InvitationTokens } from './invitations/invitation-tokens';
import { InvitationsResolver } from './invitations/invitations.resolver';
import { InvitationsService } from './invitations/invitations.service';
import { MembersResolver } from './members/members.resolver';
import { MembersService } from './members/members.service';
import { SeatsResolver } from './seats/seats.resolver';
import { SeatsService } from './seats/seats.service';
import { TenantResolver } from './tenants/tenant.resolver';
import { TenantsService } from './tenants/tenants.service';

/** Members, invitations, seats and ownership. Database, APP_CONFIG and AccessTokens are global. */
@Module({
  imports: [AuditModule, IdentityModule, WebhookEventsModule],
  controllers: [AcceptInvitationController],
  providers: [
    TenantsService,
    TenantResolver,
    MembersService,
    MembersResolver,
    SeatsService,
    SeatsResolver,
    InvitationTokens,
    InvitationMail,
    InvitationsService,
    InvitationsResolver,
    InvitationAcceptance,
    InvitationAcceptanceResolver,
  ],
})
export class TenancyModule {}
