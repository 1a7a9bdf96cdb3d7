import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Can, CurrentActor } from '@warbler/api/access';
import type { Actor } from '@warbler/api/core';
import { MovePlanVersionSubscriptionsArgs, PreviewPlanVersionMoveArgs } from './plan-move.args';
import { PlanMovePreviewConnection, PlanMoveResultModel } from './plan-move.model';
import { PlanMoves } from './plan-moves.service';

@Resolver()
export class PlanMovesResolver {
  constructor(private readonly moves: PlanMoves) {}

  @Query(() => PlanMovePreviewConnection, {
    description: 'Each tenant on the from version, its last closed period priced on both versions (tenant id order)',
  })
  @Can('moveTenants', 'Subscription')
  previewPlanVersionMove(@Args() args: PreviewPlanVersionMoveArgs): Promise<PlanMovePreviewConnection> {
    return this.moves.preview(args.fromPlanVersionId, args.toPlanVersionId, args.first, args.after);
  }

  @Mutation(() => PlanMoveResultModel, {
    description: 'Moves tenants between plan versions, each in its own transaction',
  })
  @Can('moveTenants', 'Subscription')
  movePlanVersionSubscriptions(
    @CurrentActor() actor: Actor,
    @Args() args: MovePlanVersionSubscriptionsArgs,
  ): Promise<PlanMoveResultModel> {
    return this.moves.move(actor, args.fromPlanVersionId, args.toPlanVersionId, args.timing, args.tenantIds);
  }
}
