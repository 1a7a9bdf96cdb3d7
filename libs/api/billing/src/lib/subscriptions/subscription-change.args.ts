import { ArgsType, Field, ID, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDate,
  IsEnum,
  IsInt,
  IsOptional,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

export enum ChangeTiming {
  NOW = 'NOW',
  PERIOD_END = 'PERIOD_END',
}

registerEnumType(ChangeTiming, {
  name: 'ChangeTiming',
  description: 'NOW: prorated on the current period’s invoice; PERIOD_END: the next period starts on the new terms',
});

/** Far above any plan's seat maximum; the version's own maximum is checked against the catalog. */
const MAX_SEATS = 1_000_000;

@InputType()
export class SubscriptionChangeInput {
  @Field(() => ID, { nullable: true, description: 'The plan version to move onto (one of availablePlans)' })
  @IsOptional()
  @IsUUID()
  planVersionId?: string | null;

  @Field(() => Int, { nullable: true, description: 'Seats to pay for; at least the seats in use. NOW only' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_SEATS)
  seatQuantity?: number | null;

  @Field(() => ChangeTiming)
  @IsEnum(ChangeTiming)
  timing!: ChangeTiming;

  @Field(() => Date, {
    nullable: true,
    description:
      'NOW only: the effectiveAt of the preview being confirmed, so the invoice shows exactly the previewed ' +
      'figures. At most 15 minutes ago, inside the current period and after the last change; default: now',
  })
  @IsOptional()
  @IsDate()
  effectiveAt?: Date | null;
}

/** Client-chosen, e.g. a UUID per confirmation dialog; printable ASCII without spaces. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;
const idempotencyKeyMessage = 'idempotencyKey must be 1 to 200 printable characters without spaces';

@ArgsType()
export class PreviewSubscriptionChangeArgs {
  @Field(() => SubscriptionChangeInput)
  @ValidateNested()
  @Type(() => SubscriptionChangeInput)
  input!: SubscriptionChangeInput;
}

@ArgsType()
export class ChangeSubscriptionArgs extends PreviewSubscriptionChangeArgs {
  @Field({ description: 'The same key retried gives the same result and changes the subscription once' })
  @Matches(IDEMPOTENCY_KEY, { message: idempotencyKeyMessage })
  idempotencyKey!: string;
}

@ArgsType()
export class CancelSubscriptionArgs {
  @Field({ description: 'true: the default plan takes over when the period ends; false: now, prorated' })
  @IsBoolean()
  atPeriodEnd!: boolean;

  @Field({ description: 'The same key retried gives the same result and cancels once' })
  @Matches(IDEMPOTENCY_KEY, { message: idempotencyKeyMessage })
  idempotencyKey!: string;
}
