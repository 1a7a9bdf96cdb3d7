import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessGuard } from './access.guard';
import { AccessTokens } from './access-tokens';
import { ActorResolver } from './actor-resolver';

@Global()
@Module({
  providers: [AccessTokens, ActorResolver, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [AccessTokens, ActorResolver],
})
export class AccessModule {}
