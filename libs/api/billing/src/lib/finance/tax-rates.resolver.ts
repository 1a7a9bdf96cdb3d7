import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Can, CurrentActor } from '@warbler/api/access';
import type { Actor } from '@warbler/api/core';
import { SetTenantTaxRateArgs, TenantIdArgs, TenantTaxRateModel } from '../graphql/tax-rate.model';
import { TenantTaxRates } from './tenant-tax-rates';

/** Tenants' tax rates, set by finance staff. */
@Resolver(() => TenantTaxRateModel)
export class TaxRatesResolver {
  constructor(private readonly taxRates: TenantTaxRates) {}

  @Query(() => TenantTaxRateModel, { description: "A tenant's tax rate, for the finance desk" })
  @Can('readAcrossTenants', 'TaxRate')
  financeTenantTaxRate(@Args() { tenantId }: TenantIdArgs): Promise<TenantTaxRateModel> {
    return this.taxRates.read(tenantId);
  }

  @Mutation(() => TenantTaxRateModel, {
    description: "Sets (or with null clears) a tenant's tax rate; invoices drafted afterwards carry it",
  })
  @Can('update', 'TaxRate')
  setTenantTaxRate(
    @CurrentActor() actor: Actor,
    @Args() { tenantId, taxRatePercent }: SetTenantTaxRateArgs,
  ): Promise<TenantTaxRateModel> {
    return this.taxRates.set(actor, tenantId, taxRatePercent ?? null);
  }
}
