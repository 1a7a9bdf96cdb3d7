import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessGuard } from './access.guard';
import { AccessTokens } from './access-tokens';
import { ApiKeyAuthenticator } from './api-key-authenticator';
import { ApiKeyCache } from './api-key-cache';
import { ActorResolver } from './actor-resolver';

@Global()
@Module({
  providers: [
    AccessTokens,
    ActorResolver,
    ApiKeyCache,
    ApiKeyAuthenticator,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [AccessTokens, ActorResolver, ApiKeyCache, ApiKeyAuthenticator],
})
export class AccessModule {}
