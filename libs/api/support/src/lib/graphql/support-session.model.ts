import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { TenantRole } from '@warbler/api/core';
import { SupportAccess, SupportSessionEnd, SupportSessionMode, SupportSessionStatus } from './support-enums';

@ObjectType('SupportSession', { description: 'A support engineer viewing a tenant as one of its members' })
export class SupportSessionModel {
  @Field(() => ID) id!: string;
  @Field(() => ID) tenantId!: string;
  @Field() tenantName!: string;
  @Field(() => String, { nullable: true, description: 'The support engineer' }) staffEmail!: string | null;
  @Field(() => String, { nullable: true, description: 'The member the tenant is viewed as' })
  viewedAsEmail!: string | null;
  @Field(() => String, { description: 'TenantRole of the viewed member when the session started' })
  viewedAsRole!: TenantRole;
  @Field() reason!: string;
  @Field() ticketReference!: string;
  @Field(() => SupportSessionMode) mode!: SupportSessionMode;
  @Field(() => SupportSessionStatus) status!: SupportSessionStatus;
  @Field(() => Int) durationMinutes!: number;
  @Field() requestedAt!: Date;
  @Field(() => Date, { nullable: true }) startedAt!: Date | null;
  @Field({ description: 'When it ends by itself; while pending, when the request lapses' }) expiresAt!: Date;
  @Field(() => Date, { nullable: true, description: 'The owner’s grant a WRITE session started under' })
  writeGrantUntil!: Date | null;
  @Field(() => String, { nullable: true }) approvedByEmail!: string | null;
  @Field(() => Date, { nullable: true }) approvedAt!: Date | null;
  @Field(() => Date, { nullable: true }) endedAt!: Date | null;
  @Field(() => SupportSessionEnd, { nullable: true }) endedHow!: SupportSessionEnd | null;
  @Field(() => String, { nullable: true }) endedByEmail!: string | null;
  @Field(() => Int, { description: 'Requests made in the session, refused ones included' }) requestCount!: number;
}

@ObjectType('SupportSessionRequest', { description: 'One request made in a support session' })
export class SupportSessionRequestModel {
  @Field(() => ID) id!: string;
  @Field() at!: Date;
  @Field({ description: 'graphql:<query|mutation>:<field>, or http:<METHOD> <path>' }) operation!: string;
  @Field() isChange!: boolean;
  @Field({ description: 'ADMITTED, or the refusal’s code and reason' }) outcome!: string;
}

@ObjectType('SupportTenant', { description: 'A tenant as support finds it to open a session' })
export class SupportTenantModel {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field() slug!: string;
  @Field(() => String, { nullable: true }) ownerEmail!: string | null;
  @Field(() => SupportAccess) supportAccess!: SupportAccess;
  @Field(() => Date, { nullable: true, description: 'The owner’s standing write grant, if in force' })
  supportWriteUntil!: Date | null;
}

@ObjectType('SupportViewableMember', { description: 'A member support may view the tenant as' })
export class SupportViewableMemberModel {
  @Field(() => ID) userId!: string;
  @Field() email!: string;
  @Field(() => String) role!: TenantRole;
}
