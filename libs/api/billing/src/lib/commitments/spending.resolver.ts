import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Can, CurrentActor } from '@warbler/api/access';
import type { Actor } from '@warbler/api/core';
import { inTenant } from '../tenant/in-tenant';
import { SetSpendingControlsArgs, SpendingModel } from './billing-terms.model';
import { SpendingControls } from './spending-controls';

/** The tenant's spend this period, its spending alert and its hard cap. */
@Resolver(() => SpendingModel)
export class SpendingResolver {
  constructor(private readonly controls: SpendingControls) {}

  @Query(() => SpendingModel, { description: "This period's usage charges against the spending alert and cap" })
  @Can('read', 'SpendingCap')
  spending(@CurrentActor() actor: Actor): Promise<SpendingModel> {
    return this.controls.read(inTenant(actor));
  }

  @Mutation(() => SpendingModel, {
    description: 'Sets the spending alert and the hard spending cap (null: none) within the limits finance set',
  })
  @Can('update', 'SpendingCap')
  setSpendingControls(
    @CurrentActor() actor: Actor,
    @Args() { alertMinor, capMinor }: SetSpendingControlsArgs,
  ): Promise<SpendingModel> {
    return this.controls.set(inTenant(actor), { alertMinor: alertMinor ?? null, capMinor: capMinor ?? null });
  }
}
