import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Can, CurrentActor } from '@warbler/api/access';
import type { Actor } from '@warbler/api/core';
import {
  BillingTermsTenantArgs,
  SetMinimumCommitmentArgs,
  SetSpendingLimitsArgs,
  TenantBillingTermsModel,
} from './billing-terms.model';
import { FinanceBillingTerms } from './finance-billing-terms';

/** A tenant's commitment and spending limits, set by the operator's staff. */
@Resolver(() => TenantBillingTermsModel)
export class BillingTermsResolver {
  constructor(private readonly terms: FinanceBillingTerms) {}

  @Query(() => TenantBillingTermsModel, { description: "A tenant's billing terms, for the finance desk" })
  @Can('readAcrossTenants', 'BillingTerms')
  financeTenantBillingTerms(@Args() { tenantId }: BillingTermsTenantArgs): Promise<TenantBillingTermsModel> {
    return this.terms.read(tenantId);
  }

  @Mutation(() => TenantBillingTermsModel, {
    description:
      "Sets (or with null removes) a tenant's minimum commitment per period; invoices drafted afterwards true up to it",
  })
  @Can('update', 'BillingTerms')
  setTenantMinimumCommitment(
    @CurrentActor() actor: Actor,
    @Args() { tenantId, amountMinor }: SetMinimumCommitmentArgs,
  ): Promise<TenantBillingTermsModel> {
    return this.terms.setMinimumCommitment(actor, tenantId, amountMinor ?? null);
  }

  @Mutation(() => TenantBillingTermsModel, {
    description: 'Sets the highest hard spending cap a tenant may set, and whether it must keep one',
  })
  @Can('update', 'SpendingLimit')
  setTenantSpendingLimits(
    @CurrentActor() actor: Actor,
    @Args() { tenantId, maxSpendingCapMinor, spendingCapRequired }: SetSpendingLimitsArgs,
  ): Promise<TenantBillingTermsModel> {
    return this.terms.setSpendingLimits(actor, tenantId, {
      maxSpendingCapMinor: maxSpendingCapMinor ?? null,
      spendingCapRequired,
    });
  }
}
