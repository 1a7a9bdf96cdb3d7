import { Args, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { abilityOf, Can, CurrentActor } from '@warbler/api/access';
import { type Actor, forbidden } from '@warbler/api/core';
import {
  CreatePlanArgs,
  IdArgs,
  IncludeArchivedArgs,
  PlanIdArgs,
  UpdatePlanArgs,
  UpdatePlanDraftArgs,
  VersionIdArgs,
} from '../graphql/catalog.inputs';
import { PlanModel, PlanVersionModel, toPlan, toPlanVersion } from '../graphql/plan.model';
import { type PlanWithSubscribers, PlansService, type VersionWithSubscribers } from './plans.service';

const plan = ({ plan, subscribers }: PlanWithSubscribers) => toPlan(plan, subscribers);
const version = ({ version, subscribers }: VersionWithSubscribers) => toPlanVersion(version, subscribers);

@Resolver(() => PlanModel)
export class PlansResolver {
  constructor(private readonly service: PlansService) {}

  @Query(() => [PlanModel])
  @Can('read', 'Catalog')
  async plans(@Args() { includeArchived }: IncludeArchivedArgs): Promise<PlanModel[]> {
    return (await this.service.list(includeArchived)).map(plan);
  }

  @Query(() => PlanModel)
  @Can('read', 'Catalog')
  async plan(@Args() { id }: IdArgs): Promise<PlanModel> {
    return plan(await this.service.get(id));
  }

  @Mutation(() => PlanModel)
  @Can('create', 'Catalog')
  async createPlan(@CurrentActor() actor: Actor, @Args() { input }: CreatePlanArgs): Promise<PlanModel> {
    return plan(await this.service.create(actor, input));
  }

  @Mutation(() => PlanModel)
  @Can('update', 'Catalog')
  async updatePlan(@CurrentActor() actor: Actor, @Args() { id, input }: UpdatePlanArgs): Promise<PlanModel> {
    return plan(await this.service.update(actor, id, input));
  }

  @Mutation(() => PlanModel)
  @Can('update', 'Catalog')
  async setDefaultPlan(@CurrentActor() actor: Actor, @Args() { id }: IdArgs): Promise<PlanModel> {
    return plan(await this.service.setDefault(actor, id));
  }

  @Mutation(() => PlanModel)
  @Can('update', 'Catalog')
  async archivePlan(@CurrentActor() actor: Actor, @Args() { id }: IdArgs): Promise<PlanModel> {
    return plan(await this.service.archive(actor, id));
  }

  @Mutation(() => PlanVersionModel)
  @Can('update', 'Catalog')
  async createPlanDraft(@CurrentActor() actor: Actor, @Args() { planId }: PlanIdArgs): Promise<PlanVersionModel> {
    return version(await this.service.createDraft(actor, planId));
  }

  @Mutation(() => PlanVersionModel)
  @Can('update', 'Catalog')
  async updatePlanDraft(
    @CurrentActor() actor: Actor,
    @Args() { versionId, terms }: UpdatePlanDraftArgs,
  ): Promise<PlanVersionModel> {
    return version(await this.service.updateDraft(actor, versionId, terms));
  }

  @Mutation(() => PlanVersionModel)
  @Can('publish', 'Catalog')
  async publishPlanVersion(
    @CurrentActor() actor: Actor,
    @Args() { versionId }: VersionIdArgs,
  ): Promise<PlanVersionModel> {
    return version(await this.service.publish(actor, versionId));
  }

  @Mutation(() => Boolean)
  @Can('update', 'Catalog')
  async discardPlanDraft(@CurrentActor() actor: Actor, @Args() { versionId }: VersionIdArgs): Promise<boolean> {
    return this.service.discardDraft(actor, versionId);
  }
}

@Resolver(() => PlanVersionModel)
export class PlanVersionResolver {
  /**
   * How many tenants are on a version is platform business: a tenant reading its own subscription's
   * version gets the terms, not the count.
   */
  @ResolveField(() => Int)
  subscriberCount(@CurrentActor() actor: Actor, @Parent() parent: PlanVersionModel): number {
    if (parent.subscribers === null || !abilityOf(actor).can('read', 'Catalog')) {
      throw forbidden('Only platform staff see subscriber counts');
    }
    return parent.subscribers;
  }
}
