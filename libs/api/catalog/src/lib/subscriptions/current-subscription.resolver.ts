import { Query, Resolver } from '@nestjs/graphql';
import { Can, CurrentActor } from '@warbler/api/access';
import { type Actor, Database } from '@warbler/api/core';
import { toPlanVersion } from '../graphql/plan.model';
import { PlanOfferModel, TenantSubscriptionModel } from '../graphql/subscription.model';
import { planOffers } from './plan-offers';
import { readTenantSubscription, toPlanSummary } from './subscription-view';

@Resolver(() => TenantSubscriptionModel)
export class CurrentSubscriptionResolver {
  constructor(private readonly db: Database) {}

  /** The actor's tenant's subscription, read under its row-level security. */
  @Query(() => TenantSubscriptionModel)
  @Can('read', 'Subscription')
  currentSubscription(@CurrentActor() actor: Actor): Promise<TenantSubscriptionModel> {
    const tenant = this.db.forTenant(actor);
    return tenant.transaction((tx) => readTenantSubscription(tx, tenant.tenantId));
  }

  @Query(() => [PlanOfferModel], {
    description: 'The plan versions the tenant may move onto: the newest published version of each plan on sale',
  })
  @Can('read', 'Subscription')
  availablePlans(@CurrentActor() actor: Actor): Promise<PlanOfferModel[]> {
    const tenant = this.db.forTenant(actor);
    return tenant.transaction(async (tx) => {
      const { planVersionId } = await tx.subscription.findUniqueOrThrow({ where: { tenantId: tenant.tenantId } });
      return (await planOffers(tx)).map((version) => ({
        plan: toPlanSummary(version.plan),
        version: toPlanVersion(version, null),
        current: version.id === planVersionId,
      }));
    });
  }
}
