import { Query, Resolver } from '@nestjs/graphql';
import { CurrentActor, SignedIn } from '@warbler/api/access';
import type { Actor } from '@warbler/api/core';
import { MeModel } from './me.model';
import { MeService } from './me.service';

@Resolver(() => MeModel)
export class MeResolver {
  constructor(private readonly service: MeService) {}

  @Query(() => MeModel)
  @SignedIn()
  me(@CurrentActor() actor: Actor): Promise<MeModel> {
    return this.service.me(actor);
  }
}
