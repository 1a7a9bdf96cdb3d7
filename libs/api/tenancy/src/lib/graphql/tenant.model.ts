import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { TenantStatus } from '@warbler/api/core';

registerEnumType(TenantStatus, { name: 'TenantStatus' });

@ObjectType('Tenant')
export class TenantModel {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field() slug!: string;
  @Field(() => TenantStatus) status!: TenantStatus;
  @Field(() => Int) seatLimit!: number;
  @Field(() => Int) seatsAssigned!: number;
  @Field(() => Int) memberCount!: number;
}
