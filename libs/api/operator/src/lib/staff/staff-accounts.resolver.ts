import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Can, CurrentActor } from '@warbler/api/access';
import type { Actor } from '@warbler/api/core';
import { GrantStaffRoleArgs, RevokeStaffRoleArgs } from '../graphql/operator.inputs';
import { StaffAccountModel } from '../graphql/staff-account.model';
import { StaffAccounts } from './staff-accounts.service';

@Resolver(() => StaffAccountModel)
export class StaffAccountsResolver {
  constructor(private readonly staff: StaffAccounts) {}

  @Query(() => [StaffAccountModel], { description: 'Users with a staff role, by e-mail' })
  @Can('read', 'StaffAccount')
  staffAccounts(): Promise<StaffAccountModel[]> {
    return this.staff.list();
  }

  @Mutation(() => StaffAccountModel, {
    description: "Gives an existing user a staff role or changes theirs; ends the user's sessions",
  })
  @Can('changeRole', 'StaffAccount')
  grantStaffRole(@CurrentActor() actor: Actor, @Args() { input }: GrantStaffRoleArgs): Promise<StaffAccountModel> {
    return this.staff.grant(actor, input.email, input.role);
  }

  @Mutation(() => StaffAccountModel, { description: "Takes a user's staff role away; ends the user's sessions" })
  @Can('changeRole', 'StaffAccount')
  revokeStaffRole(@CurrentActor() actor: Actor, @Args() { userId }: RevokeStaffRoleArgs): Promise<StaffAccountModel> {
    return this.staff.revoke(actor, userId);
  }
}
