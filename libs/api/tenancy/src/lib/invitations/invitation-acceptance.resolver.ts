import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentActor, Public, SignedIn } from '@warbler/api/access';
import type { Actor } from '@warbler/api/core';
import { MyMembershipModel } from '@warbler/api/identity';
import { InvitationPreviewModel } from '../graphql/invitation-preview.model';
import { InvitationTokenArgs } from '../graphql/tenancy.args';
import { InvitationAcceptance } from './invitation-acceptance.service';

@Resolver()
export class InvitationAcceptanceResolver {
  constructor(private readonly acceptance: InvitationAcceptance) {}

  @Query(() => InvitationPreviewModel)
  @Public('the invitation token is the credential: its holder received the invitation e-mail')
  invitationPreview(@Args() { token }: InvitationTokenArgs): Promise<InvitationPreviewModel> {
    return this.acceptance.preview(token);
  }

  @Mutation(() => MyMembershipModel)
  @SignedIn()
  acceptInvitation(@CurrentActor() actor: Actor, @Args() { token }: InvitationTokenArgs): Promise<MyMembershipModel> {
    return this.acceptance.accept(actor, token);
  }
}
