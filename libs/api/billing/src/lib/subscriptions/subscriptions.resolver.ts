import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Can, CurrentActor } from '@warbler/api/access';
import { TenantSubscriptionModel } from '@warbler/api/catalog';
import { type Actor, DomainError, forbidden, isTenantActor, type TenantActor } from '@warbler/api/core';
import { SubscriptionChanges } from './subscription-changes.service';
import {
  CancelSubscriptionArgs,
  ChangeSubscriptionArgs,
  PreviewSubscriptionChangeArgs,
} from './subscription-change.args';
import { SubscriptionChangePreviewModel, UpcomingInvoiceModel } from './subscription-estimates.model';

@Resolver(() => TenantSubscriptionModel)
export class SubscriptionsResolver {
  constructor(private readonly changes: SubscriptionChanges) {}

  @Query(() => UpcomingInvoiceModel, {
    description: "The current period's invoice as it stands: fixed fees, changes and usage so far, tax",
  })
  @Can('read', 'Invoice')
  upcomingInvoice(@CurrentActor() actor: Actor): Promise<UpcomingInvoiceModel> {
    return this.changes.upcoming(inTenant(actor));
  }

  @Query(() => SubscriptionChangePreviewModel, {
    description: 'Exactly what changeSubscription would do, changing nothing',
  })
  @Can('update', 'Subscription')
  previewSubscriptionChange(
    @CurrentActor() actor: Actor,
    @Args() { input }: PreviewSubscriptionChangeArgs,
  ): Promise<SubscriptionChangePreviewModel> {
    return this.changes.preview(changingTenant(actor), input);
  }

  @Mutation(() => TenantSubscriptionModel, {
    description: 'Changes the plan version or seats now (prorated), or the plan version at period end',
  })
  @Can('update', 'Subscription')
  changeSubscription(
    @CurrentActor() actor: Actor,
    @Args() { input, idempotencyKey }: ChangeSubscriptionArgs,
  ): Promise<TenantSubscriptionModel> {
    return this.changes.change(changingTenant(actor), input, idempotencyKey);
  }

  @Mutation(() => TenantSubscriptionModel, {
    description: 'Moves the tenant onto the default plan, now or at period end',
  })
  @Can('update', 'Subscription')
  cancelSubscription(
    @CurrentActor() actor: Actor,
    @Args() { atPeriodEnd, idempotencyKey }: CancelSubscriptionArgs,
  ): Promise<TenantSubscriptionModel> {
    return this.changes.cancel(changingTenant(actor), atPeriodEnd, idempotencyKey);
  }

  @Mutation(() => TenantSubscriptionModel, { description: 'Drops the cancellation or change scheduled for period end' })
  @Can('update', 'Subscription')
  resumeSubscription(@CurrentActor() actor: Actor): Promise<TenantSubscriptionModel> {
    return this.changes.resume(changingTenant(actor));
  }
}

/** The guard's @Can already refused callers without a tenant role; this tells the types. */
function inTenant(actor: Actor): TenantActor {
  if (!isTenantActor(actor)) throw new DomainError('FORBIDDEN', 'Select a tenant first', 'NO_TENANT');
  return actor;
}

/** What a tenant pays for is the tenant's decision: staff in a support session may look, not change it. */
function changingTenant(actor: Actor): TenantActor {
  if (actor.impersonatorUserId) throw forbidden('The subscription cannot be changed during a support session');
  return inTenant(actor);
}
