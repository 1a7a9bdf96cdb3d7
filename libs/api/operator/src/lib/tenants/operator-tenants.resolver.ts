import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Can, CurrentActor } from '@warbler/api/access';
import type { Actor } from '@warbler/api/core';
import {
  OperatorTenantConnection,
  OperatorTenantDetailModel,
  OperatorTenantModel,
} from '../graphql/operator-tenant.model';
import { OperatorTenantArgs, OperatorTenantsArgs, TenantStandingArgs } from '../graphql/operator.inputs';
import { OperatorTenants } from './operator-tenants.query';
import { TenantStanding } from './tenant-standing.service';

@Resolver()
export class OperatorTenantsResolver {
  constructor(
    private readonly tenants: OperatorTenants,
    private readonly standing: TenantStanding,
  ) {}

  @Query(() => OperatorTenantConnection, { description: 'Every tenant, newest first: staff only' })
  @Can('readAcrossTenants', 'Tenant')
  operatorTenants(@Args() args: OperatorTenantsArgs): Promise<OperatorTenantConnection> {
    return this.tenants.page(args);
  }

  @Query(() => OperatorTenantDetailModel, { description: 'One tenant in full: staff only' })
  @Can('readAcrossTenants', 'Tenant')
  operatorTenant(@Args() { id }: OperatorTenantArgs): Promise<OperatorTenantDetailModel> {
    return this.tenants.detail(id);
  }

  @Mutation(() => OperatorTenantModel, {
    description: 'Refuses every change of the tenant until reactivated; CONFLICT if it is suspended already',
  })
  @Can('suspend', 'Tenant')
  suspendTenant(@CurrentActor() actor: Actor, @Args() { input }: TenantStandingArgs): Promise<OperatorTenantModel> {
    return this.standing.suspend(actor, input.tenantId, input.reason);
  }

  @Mutation(() => OperatorTenantModel, {
    description: 'Lifts an operator suspension; a suspension for non-payment ends only with payment (CONFLICT)',
  })
  @Can('suspend', 'Tenant')
  reactivateTenant(@CurrentActor() actor: Actor, @Args() { input }: TenantStandingArgs): Promise<OperatorTenantModel> {
    return this.standing.reactivate(actor, input.tenantId, input.reason);
  }
}
