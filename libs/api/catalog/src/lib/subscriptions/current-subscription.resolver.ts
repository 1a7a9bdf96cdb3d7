import { Query, Resolver } from '@nestjs/graphql';
import { Can, CurrentActor } from '@warbler/api/access';
import { type Actor, Database, notFound } from '@warbler/api/core';
import { PLAN_VERSION_WITH_PLAN } from '../shared/catalog-rows';
import { toPlanVersion } from '../graphql/plan.model';
import { TenantSubscriptionModel } from '../graphql/subscription.model';

@Resolver(() => TenantSubscriptionModel)
export class CurrentSubscriptionResolver {
  constructor(private readonly db: Database) {}

  /** The actor's tenant's subscription, read under its row-level security. */
  @Query(() => TenantSubscriptionModel)
  @Can('read', 'Subscription')
  async currentSubscription(@CurrentActor() actor: Actor): Promise<TenantSubscriptionModel> {
    const subscription = await this.db
      .forTenant(actor)
      .transaction((tx) =>
        tx.subscription.findFirst({ include: { planVersion: { include: PLAN_VERSION_WITH_PLAN } } }),
      );
    if (!subscription) throw notFound('Subscription');
    const { planVersion } = subscription;
    return {
      id: subscription.id,
      planName: planVersion.plan.name,
      planCode: planVersion.plan.code,
      planVersion: toPlanVersion(planVersion, null),
      currentPeriodStart: subscription.currentPeriodStart,
      currentPeriodEnd: subscription.currentPeriodEnd,
      trialEndsAt: subscription.trialEndsAt,
    };
  }
}
