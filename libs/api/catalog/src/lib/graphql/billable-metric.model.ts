import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { BillableMetricModel as BillableMetricRow } from '@warbler/api/core';
import { MetricAggregation } from './catalog-enums';

@ObjectType('BillableMetric')
export class BillableMetricModel {
  @Field(() => ID) id!: string;
  @Field() code!: string;
  @Field() name!: string;
  @Field() description!: string;
  @Field() unit!: string;
  @Field(() => MetricAggregation) aggregation!: MetricAggregation;
  @Field(() => String, { nullable: true, description: 'The event property UNIQUE_COUNT counts distinct values of' })
  property!: string | null;
  @Field(() => Date, { nullable: true }) archivedAt!: Date | null;
}

export function toBillableMetric(row: BillableMetricRow): BillableMetricModel {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    description: row.description,
    unit: row.unit,
    aggregation: row.aggregation,
    property: row.property,
    archivedAt: row.archivedAt,
  };
}
