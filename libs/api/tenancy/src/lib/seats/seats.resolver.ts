import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Can, CurrentActor } from '@warbler/api/access';
import type { Actor } from '@warbler/api/core';
import { MemberModel, toMember } from '../graphql/member.model';
import { MemberIdArgs } from '../graphql/tenancy.args';
import { inTenant } from '../shared/tenant-actor';
import { SeatsService } from './seats.service';

@Resolver(() => MemberModel)
export class SeatsResolver {
  constructor(private readonly seats: SeatsService) {}

  @Mutation(() => MemberModel)
  @Can('assignSeat', 'Member')
  async assignSeat(@CurrentActor() actor: Actor, @Args() { memberId }: MemberIdArgs): Promise<MemberModel> {
    return toMember(await this.seats.assign(inTenant(actor), memberId));
  }

  @Mutation(() => MemberModel)
  @Can('assignSeat', 'Member')
  async unassignSeat(@CurrentActor() actor: Actor, @Args() { memberId }: MemberIdArgs): Promise<MemberModel> {
    return toMember(await this.seats.unassign(inTenant(actor), memberId));
  }
}
