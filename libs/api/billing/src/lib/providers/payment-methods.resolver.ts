import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Can, CurrentActor } from '@warbler/api/access';
import type { Actor } from '@warbler/api/core';
import { inTenant } from '../tenant/in-tenant';
import {
  BillingProvider,
  BillingRedirectModel,
  PaymentMethodSummaryModel,
  ReturnUrlArgs,
} from './payment-method.model';
import { PaymentMethodSessions } from './payment-method-sessions';

/**
 * The payment method of the tenant in context, for its owners, admins and billing admins. These stay
 * open while the tenant is suspended: paying is how a tenant suspended for non-payment gets back.
 */
@Resolver()
export class PaymentMethodsResolver {
  constructor(private readonly sessions: PaymentMethodSessions) {}

  @Query(() => BillingProvider, {
    description: 'Whether Stripe collects invoices (and the payment method operations work)',
  })
  @Can('read', 'PaymentMethod')
  billingProvider(): BillingProvider {
    return this.sessions.provider();
  }

  @Query(() => PaymentMethodSummaryModel, {
    nullable: true,
    description: 'The card Stripe charges; null until one is added. CONFLICT PROVIDER_NOT_CONFIGURED without Stripe',
  })
  @Can('read', 'PaymentMethod')
  paymentMethod(@CurrentActor() actor: Actor): Promise<PaymentMethodSummaryModel | null> {
    return this.sessions.summary(inTenant(actor));
  }

  @Mutation(() => BillingRedirectModel, {
    description: 'A Stripe Checkout page (setup mode: nothing is charged) where a card is added for future invoices',
  })
  @Can('update', 'PaymentMethod')
  async createPaymentMethodCheckout(
    @CurrentActor() actor: Actor,
    @Args() { returnUrl }: ReturnUrlArgs,
  ): Promise<BillingRedirectModel> {
    return { url: await this.sessions.checkout(inTenant(actor), returnUrl) };
  }

  @Mutation(() => BillingRedirectModel, {
    description: "Stripe's Customer Portal, where cards and billing details are managed",
  })
  @Can('update', 'PaymentMethod')
  async createBillingPortalSession(
    @CurrentActor() actor: Actor,
    @Args() { returnUrl }: ReturnUrlArgs,
  ): Promise<BillingRedirectModel> {
    return { url: await this.sessions.portal(inTenant(actor), returnUrl) };
  }
}
