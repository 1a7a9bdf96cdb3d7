import { Field, Int, ObjectType } from '@nestjs/graphql';
import { PlanVersionModel } from '@warbler/api/catalog';
import type { Prisma } from '@warbler/api/core';
import GraphQLJSON from 'graphql-type-json';
import { InvoiceLineKind } from '../graphql/billing-enums';
import { ChangeTiming } from './subscription-change.args';

const MINOR = 'Integer minor units of the currency, as a string';

@ObjectType('EstimatedInvoiceLine')
export class EstimatedInvoiceLineModel {
  @Field(() => InvoiceLineKind) kind!: InvoiceLineKind;
  @Field() description!: string;
  @Field(() => String, { nullable: true }) metricCode!: string | null;
  @Field(() => Int, { nullable: true, description: '0 for the first tier' }) tierIndex!: number | null;
  @Field({ description: 'Decimal text: seats, units, or whole packages' }) quantity!: string;
  @Field({ description: 'Decimal text in major units of the currency' }) unitPrice!: string;
  @Field({ description: `${MINOR}; negative for a credit` }) amountMinor!: string;
  @Field() periodStart!: Date;
  @Field() periodEnd!: Date;
  @Field(() => GraphQLJSON, { description: 'The inputs the line was computed from (see docs/billing.md)' })
  explain!: Prisma.JsonValue;
}

@ObjectType('UpcomingInvoice', {
  description: 'What the invoice of a period comes to, priced exactly as it will be when the period closes',
})
export class UpcomingInvoiceModel {
  @Field() periodStart!: Date;
  @Field() periodEnd!: Date;
  @Field({ description: 'ISO 4217' }) currency!: string;
  @Field({ description: 'The plan version in effect at the period end: it prices the usage' })
  planVersionId!: string;
  @Field(() => String, { nullable: true, description: 'Percent, decimal text; null: no tax' })
  taxRatePercent!: string | null;
  @Field(() => [EstimatedInvoiceLineModel]) lines!: EstimatedInvoiceLineModel[];
  @Field({ description: MINOR }) subtotalMinor!: string;
  @Field({ description: MINOR }) taxMinor!: string;
  @Field({ description: MINOR }) totalMinor!: string;
  @Field({ description: 'Usage after this instant is not in the estimate yet' }) estimatedAt!: Date;
}

@ObjectType('SubscriptionChangePreview')
export class SubscriptionChangePreviewModel {
  @Field(() => ChangeTiming) timing!: ChangeTiming;
  @Field({
    description:
      'NOW: the instant the change is prorated from (pass it back to changeSubscription); PERIOD_END: the period end',
  })
  effectiveAt!: Date;
  @Field({ description: 'ISO 4217, of the lines and amounts below' }) currency!: string;
  @Field(() => PlanVersionModel, { description: 'The plan version after the change' }) planVersion!: PlanVersionModel;
  @Field(() => Int) seatQuantity!: number;
  @Field(() => Date, { nullable: true, description: 'Set when the change starts a trial' }) trialEndsAt!: Date | null;
  @Field(() => [EstimatedInvoiceLineModel], {
    description: "The lines the change adds to the current period's invoice (none at PERIOD_END)",
  })
  lines!: EstimatedInvoiceLineModel[];
  @Field({ description: `Sum of the lines; ${MINOR}` }) subtotalMinor!: string;
  @Field({ description: `How much the invoice's tax changes (tax is computed once on its subtotal); ${MINOR}` })
  taxMinor!: string;
  @Field({ description: MINOR }) totalMinor!: string;
  @Field(() => UpcomingInvoiceModel, { description: "The current period's invoice if the change is made" })
  nextInvoice!: UpcomingInvoiceModel;
  @Field(() => UpcomingInvoiceModel, {
    description: 'The fixed fees of the first whole period on the new terms (usage comes on top)',
  })
  firstPeriodFixedFees!: UpcomingInvoiceModel;
}
