import { Field, Float, ObjectType, registerEnumType } from '@nestjs/graphql';
import { MetricAggregation, QuotaEnforcement } from '@warbler/api/core';

registerEnumType(MetricAggregation, { name: 'MetricAggregation' });
registerEnumType(QuotaEnforcement, { name: 'QuotaEnforcement' });

export enum QuotaStatus {
  OK = 'OK',
  /** At 80% of the limit or more. */
  WARNING = 'WARNING',
  /** A HARD quota at its limit: further usage is refused. */
  EXCEEDED = 'EXCEEDED',
  /** A SOFT quota past its limit: the excess is billed as overage. */
  OVERAGE = 'OVERAGE',
}
registerEnumType(QuotaStatus, { name: 'QuotaStatus' });

@ObjectType('QuotaState')
export class QuotaStateModel {
  @Field() limit!: string;
  @Field(() => QuotaEnforcement) enforcement!: QuotaEnforcement;
  @Field() used!: string;
  @Field() remaining!: string;
  @Field(() => Float) percentUsed!: number;
  @Field(() => QuotaStatus) status!: QuotaStatus;
  @Field() resetsAt!: Date;
}

@ObjectType('UsageDay', { description: 'A 24-hour bucket counted from the start of the period' })
export class UsageDayModel {
  @Field() date!: Date;
  @Field() value!: string;
  @Field({ description: 'Running total (running maximum or latest value for MAX and LATEST)' })
  cumulative!: string;
}

@ObjectType('MetricUsage')
export class MetricUsageModel {
  @Field() metricCode!: string;
  @Field() metricName!: string;
  @Field() unit!: string;
  @Field(() => MetricAggregation) aggregation!: MetricAggregation;
  @Field() used!: string;
  @Field(() => QuotaStateModel, { nullable: true }) quota!: QuotaStateModel | null;
  @Field(() => [UsageDayModel]) daily!: UsageDayModel[];
  @Field(() => String, {
    nullable: true,
    description: 'The period-to-date rate carried to the end of the period; null for MAX and LATEST',
  })
  projectedAtPeriodEnd!: string | null;
}

@ObjectType('UsageOverview')
export class UsageOverviewModel {
  @Field() periodStart!: Date;
  @Field() periodEnd!: Date;
  @Field(() => [MetricUsageModel]) metrics!: MetricUsageModel[];
}
