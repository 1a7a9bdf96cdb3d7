import { Field, ID, ObjectType } from '@nestjs/graphql';
import { TenantRole } from './identity-enums';

@ObjectType('User')
export class UserModel {
  @Field(() => ID) id!: string;
  @Field() email!: string;
  @Field() displayName!: string;
}

@ObjectType('TenantSummary')
export class TenantSummaryModel {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field() slug!: string;
}

@ObjectType('MyMembership')
export class MyMembershipModel {
  @Field(() => TenantSummaryModel) tenant!: TenantSummaryModel;
  @Field(() => TenantRole) role!: TenantRole;
}
