import { Query, Resolver } from '@nestjs/graphql';
import { Can, CurrentActor } from '@warbler/api/access';
import type { Actor } from '@warbler/api/core';
import { TenantModel } from '../graphql/tenant.model';
import { inTenant } from '../shared/tenant-actor';
import { TenantsService } from './tenants.service';

@Resolver(() => TenantModel)
export class TenantResolver {
  constructor(private readonly tenants: TenantsService) {}

  @Query(() => TenantModel)
  @Can('read', 'Tenant')
  currentTenant(@CurrentActor() actor: Actor): Promise<TenantModel> {
    return this.tenants.current(inTenant(actor));
  }
}
