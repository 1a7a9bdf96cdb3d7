import { ArgsType, Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsString, MaxLength } from 'class-validator';

export enum BillingProvider {
  LOCAL = 'local',
  STRIPE = 'stripe',
}

registerEnumType(BillingProvider, {
  name: 'BillingProvider',
  description: 'LOCAL: finance records payments; STRIPE: Stripe collects invoices from the card on file',
});

@ObjectType('PaymentMethodSummary', { description: 'The card Stripe charges, as far as the console shows it' })
export class PaymentMethodSummaryModel {
  @Field({ description: 'e.g. visa, mastercard' })
  brand!: string;

  @Field()
  last4!: string;

  @Field(() => Int)
  expMonth!: number;

  @Field(() => Int)
  expYear!: number;
}

@ObjectType('BillingRedirect', { description: 'A page of Stripe to send the browser to' })
export class BillingRedirectModel {
  @Field()
  url!: string;
}

@ArgsType()
export class ReturnUrlArgs {
  @Field({ description: 'Where Stripe sends the browser back to: a page of this Warbler console' })
  @IsString()
  @MaxLength(2000)
  returnUrl!: string;
}
