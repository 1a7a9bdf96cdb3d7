import { Query, Resolver } from '@nestjs/graphql';
import { Can, CurrentActor } from '@warbler/api/access';
import type { Actor } from '@warbler/api/core';
import { TenantTaxRateModel } from '../graphql/tax-rate.model';
import { inTenant } from './in-tenant';
import { TenantTaxRateReader } from './tenant-tax-rate.service';

@Resolver(() => TenantTaxRateModel)
export class TenantTaxRateResolver {
  constructor(private readonly taxRate: TenantTaxRateReader) {}

  @Query(() => TenantTaxRateModel, { description: 'The tax rate the tenant’s next invoices will carry' })
  @Can('read', 'TaxRate')
  tenantTaxRate(@CurrentActor() actor: Actor): Promise<TenantTaxRateModel> {
    return this.taxRate.read(inTenant(actor));
  }
}
