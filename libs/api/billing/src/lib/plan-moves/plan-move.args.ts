import { ArgsType, Field, ID } from '@nestjs/graphql';
import { ArrayMaxSize, IsEnum, IsOptional, IsUUID } from 'class-validator';
import { ChangeTiming } from '../subscriptions/subscription-change.args';
import { PageArgs } from '@warbler/api/core';

/** A page prices each tenant twice; the cap keeps it quick. */
export const MAX_MOVE_PAGE = 100;
/** Tenants named in one move; more are moved by leaving tenantIds out (every tenant on the version). */
export const MAX_MOVE_TENANTS = 1000;

@ArgsType()
class PlanVersionPairArgs {
  @Field(() => ID, { description: 'The version the tenants are on' })
  @IsUUID()
  fromPlanVersionId!: string;

  @Field(() => ID, { description: 'The published version to move them onto' })
  @IsUUID()
  toPlanVersionId!: string;
}

@ArgsType()
export class PreviewPlanVersionMoveArgs extends PageArgs(
  { defaultSize: 20, maxSize: MAX_MOVE_PAGE },
  PlanVersionPairArgs,
) {}

@ArgsType()
export class MovePlanVersionSubscriptionsArgs extends PlanVersionPairArgs {
  @Field(() => ChangeTiming, { description: 'NOW: prorated in the current period; PERIOD_END: when each period ends' })
  @IsEnum(ChangeTiming)
  timing!: ChangeTiming;

  @Field(() => [ID], { nullable: true, description: 'Only these tenants; every tenant on the version when left out' })
  @IsOptional()
  @ArrayMaxSize(MAX_MOVE_TENANTS)
  @IsUUID('all', { each: true })
  tenantIds?: string[] | null;
}
