import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentActor, SignedIn } from '@warbler/api/access';
import type { Actor } from '@warbler/api/core';
import { SessionIdArgs } from './session-id.args';
import { SessionInfoModel } from './session-info.model';
import { SessionsService } from './sessions.service';

@Resolver(() => SessionInfoModel)
export class SessionsResolver {
  constructor(private readonly sessions: SessionsService) {}

  @Query(() => [SessionInfoModel], { description: 'Your sessions that are still active' })
  @SignedIn()
  mySessions(@CurrentActor() actor: Actor): Promise<SessionInfoModel[]> {
    return this.sessions.listOwn(actor);
  }

  @Mutation(() => SessionInfoModel, { description: 'Ends one of your sessions at once' })
  @SignedIn()
  revokeSession(@CurrentActor() actor: Actor, @Args() { id }: SessionIdArgs): Promise<SessionInfoModel> {
    return this.sessions.revokeOwn(actor, id);
  }
}
