import { Query, Resolver } from '@nestjs/graphql';
import { Can, CurrentActor } from '@warbler/api/access';
import { type Actor, DomainError, isTenantActor } from '@warbler/api/core';
import { UsageOverviewModel } from './usage-overview.model';
import { UsageOverviewService } from './usage-overview.service';

@Resolver(() => UsageOverviewModel)
export class UsageOverviewResolver {
  constructor(private readonly overview: UsageOverviewService) {}

  @Query(() => UsageOverviewModel, { description: "The current period's usage and quotas of the selected tenant" })
  @Can('read', 'Usage')
  usageOverview(@CurrentActor() actor: Actor): Promise<UsageOverviewModel> {
    if (!isTenantActor(actor)) throw new DomainError('FORBIDDEN', 'Select a tenant first', 'NO_TENANT');
    return this.overview.overview(actor);
  }
}
