import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { PageInfo } from '@warbler/api/audit';

const MINOR = 'Integer minor units, as a string';

/** Why a tenant was left where it was; moving it again later is safe. */
export enum PlanMoveSkipReason {
  NOT_ON_FROM_VERSION = 'NOT_ON_FROM_VERSION',
  SEATS_IN_USE_ABOVE_MAXIMUM = 'SEATS_IN_USE_ABOVE_MAXIMUM',
  CURRENCY_MISMATCH = 'CURRENCY_MISMATCH',
  INTERVAL_MISMATCH = 'INTERVAL_MISMATCH',
  CHANGE_SCHEDULED = 'CHANGE_SCHEDULED',
  ALREADY_SCHEDULED = 'ALREADY_SCHEDULED',
  PERIOD_CLOSING = 'PERIOD_CLOSING',
}

registerEnumType(PlanMoveSkipReason, {
  name: 'PlanMoveSkipReason',
  description:
    'NOT_ON_FROM_VERSION: moved already or no such tenant; SEATS_IN_USE_ABOVE_MAXIMUM: more seats assigned than the ' +
    'target allows; CURRENCY_MISMATCH / INTERVAL_MISMATCH: only at PERIOD_END; CHANGE_SCHEDULED: the tenant ' +
    'scheduled its own change or cancellation; ALREADY_SCHEDULED: this move is scheduled already; PERIOD_CLOSING: ' +
    'its period is being closed, try again',
});

@ObjectType('PlanMovePreview', {
  description: "A tenant on the from version and its last closed period's fixed fees and usage priced both ways",
})
export class PlanMovePreviewModel {
  @Field(() => ID) tenantId!: string;
  @Field() tenantName!: string;
  @Field({ description: 'ISO 4217, of the from version' }) currency!: string;
  @Field({ description: 'ISO 4217, of the target version' }) targetCurrency!: string;
  @Field(() => Int) seatQuantity!: number;
  @Field(() => Int) seatsInUse!: number;
  @Field(() => Date, { nullable: true, description: 'Null until the tenant has a closed period' })
  lastPeriodStart!: Date | null;
  @Field(() => Date, { nullable: true }) lastPeriodEnd!: Date | null;
  @Field(() => String, { nullable: true, description: `On the from version, before tax; ${MINOR}` })
  currentAmountMinor!: string | null;
  @Field(() => String, { nullable: true, description: `On the target version, before tax; ${MINOR}` })
  targetAmountMinor!: string | null;
  @Field(() => String, { nullable: true, description: `target − current; null across currencies; ${MINOR}` })
  differenceMinor!: string | null;
}

@ObjectType('PlanMovePreviewEdge')
export class PlanMovePreviewEdge {
  @Field() cursor!: string;
  @Field(() => PlanMovePreviewModel) node!: PlanMovePreviewModel;
}

@ObjectType('PlanMovePreviewConnection')
export class PlanMovePreviewConnection {
  @Field(() => [PlanMovePreviewEdge]) edges!: PlanMovePreviewEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

@ObjectType('PlanMoveSkip')
export class PlanMoveSkipModel {
  @Field(() => ID) tenantId!: string;
  @Field(() => String, { nullable: true }) tenantName!: string | null;
  @Field(() => PlanMoveSkipReason) reason!: PlanMoveSkipReason;
  @Field() message!: string;
}

@ObjectType('PlanMoveResult')
export class PlanMoveResultModel {
  @Field(() => Int, { description: 'Tenants moved now, or scheduled to move at their period end' })
  movedCount!: number;
  @Field(() => [PlanMoveSkipModel]) skipped!: PlanMoveSkipModel[];
}
