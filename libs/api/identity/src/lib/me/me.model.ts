import { Field, ID, ObjectType } from '@nestjs/graphql';
import GraphQLJSON from 'graphql-type-json';
import { StaffRole, TenantRole } from '../graphql/identity-enums';
import { MyMembershipModel, UserModel } from '../graphql/identity.types';

@ObjectType('Me')
export class MeModel {
  @Field(() => UserModel) user!: UserModel;
  @Field(() => StaffRole, { nullable: true }) staffRole!: StaffRole | null;
  @Field() mfaEnabled!: boolean;
  @Field({ description: 'Staff must enrol in two-factor authentication' }) mfaRequired!: boolean;
  @Field({ description: 'False: only the profile and MFA enrolment are allowed' }) mfaSatisfied!: boolean;
  @Field(() => [MyMembershipModel]) memberships!: MyMembershipModel[];
  @Field(() => ID, { nullable: true, description: 'From X-Tenant-Id, when valid' }) currentTenantId!: string | null;
  @Field(() => TenantRole, { nullable: true }) currentRole!: TenantRole | null;
  @Field(() => GraphQLJSON, { description: 'Packed CASL rules (@casl/ability/extra packRules)' }) permissions!: unknown;
}
