import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Can, CurrentActor } from '@warbler/api/access';
import type { Actor } from '@warbler/api/core';
import { InvitationLinkModel } from '../graphql/invitation-link.model';
import { InvitationModel } from '../graphql/invitation.model';
import { InviteMemberInput } from '../graphql/invite-member.input';
import { InvitationIdArgs } from '../graphql/tenancy.args';
import { inTenant } from '../shared/tenant-actor';
import { InvitationsService } from './invitations.service';

@Resolver(() => InvitationModel)
export class InvitationsResolver {
  constructor(private readonly service: InvitationsService) {}

  @Query(() => [InvitationModel])
  @Can('read', 'Invitation')
  invitations(@CurrentActor() actor: Actor): Promise<InvitationModel[]> {
    return this.service.list(inTenant(actor));
  }

  @Mutation(() => InvitationLinkModel)
  @Can('invite', 'Member')
  inviteMember(@CurrentActor() actor: Actor, @Args('input') input: InviteMemberInput): Promise<InvitationLinkModel> {
    return this.service.invite(inTenant(actor), input);
  }

  @Mutation(() => InvitationLinkModel)
  @Can('invite', 'Member')
  resendInvitation(@CurrentActor() actor: Actor, @Args() { id }: InvitationIdArgs): Promise<InvitationLinkModel> {
    return this.service.resend(inTenant(actor), id);
  }

  @Mutation(() => InvitationModel)
  @Can('delete', 'Invitation')
  revokeInvitation(@CurrentActor() actor: Actor, @Args() { id }: InvitationIdArgs): Promise<InvitationModel> {
    return this.service.revoke(inTenant(actor), id);
  }
}
