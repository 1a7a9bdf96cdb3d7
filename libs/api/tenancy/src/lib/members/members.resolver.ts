import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Can, CurrentActor } from '@warbler/api/access';
import type { Actor } from '@warbler/api/core';
import { MemberModel, toMember } from '../graphql/member.model';
import { ChangeMemberRoleArgs, MemberIdArgs } from '../graphql/tenancy.args';
import { inTenant } from '../shared/tenant-actor';
import { MembersService } from './members.service';

@Resolver(() => MemberModel)
export class MembersResolver {
  constructor(private readonly service: MembersService) {}

  @Query(() => [MemberModel])
  @Can('read', 'Member')
  async members(@CurrentActor() actor: Actor): Promise<MemberModel[]> {
    return (await this.service.list(inTenant(actor))).map(toMember);
  }

  @Mutation(() => MemberModel)
  @Can('changeRole', 'Member')
  async changeMemberRole(
    @CurrentActor() actor: Actor,
    @Args() { memberId, role }: ChangeMemberRoleArgs,
  ): Promise<MemberModel> {
    return toMember(await this.service.changeRole(inTenant(actor), memberId, role));
  }

  @Mutation(() => MemberModel)
  @Can('delete', 'Member')
  async removeMember(@CurrentActor() actor: Actor, @Args() { memberId }: MemberIdArgs): Promise<MemberModel> {
    return toMember(await this.service.remove(inTenant(actor), memberId));
  }

  @Mutation(() => MemberModel)
  @Can('transferOwnership', 'Member')
  async transferOwnership(@CurrentActor() actor: Actor, @Args() { memberId }: MemberIdArgs): Promise<MemberModel> {
    return toMember(await this.service.transferOwnership(inTenant(actor), memberId));
  }
}
