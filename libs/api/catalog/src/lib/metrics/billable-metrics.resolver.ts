import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Can, CurrentActor } from '@warbler/api/access';
import type { Actor } from '@warbler/api/core';
import { BillableMetricModel, toBillableMetric } from '../graphql/billable-metric.model';
import {
  CreateBillableMetricArgs,
  IdArgs,
  IncludeArchivedArgs,
  UpdateBillableMetricArgs,
} from '../graphql/catalog.inputs';
import { BillableMetricsService } from './billable-metrics.service';

@Resolver(() => BillableMetricModel)
export class BillableMetricsResolver {
  constructor(private readonly service: BillableMetricsService) {}

  @Query(() => [BillableMetricModel])
  @Can('read', 'Catalog')
  async billableMetrics(@Args() { includeArchived }: IncludeArchivedArgs): Promise<BillableMetricModel[]> {
    return (await this.service.list(includeArchived)).map(toBillableMetric);
  }

  @Mutation(() => BillableMetricModel)
  @Can('create', 'Catalog')
  async createBillableMetric(
    @CurrentActor() actor: Actor,
    @Args() { input }: CreateBillableMetricArgs,
  ): Promise<BillableMetricModel> {
    return toBillableMetric(await this.service.create(actor, input));
  }

  @Mutation(() => BillableMetricModel)
  @Can('update', 'Catalog')
  async updateBillableMetric(
    @CurrentActor() actor: Actor,
    @Args() { id, input }: UpdateBillableMetricArgs,
  ): Promise<BillableMetricModel> {
    return toBillableMetric(await this.service.update(actor, id, input));
  }

  @Mutation(() => BillableMetricModel)
  @Can('update', 'Catalog')
  async archiveBillableMetric(@CurrentActor() actor: Actor, @Args() { id }: IdArgs): Promise<BillableMetricModel> {
    return toBillableMetric(await this.service.archive(actor, id));
  }
}
