import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Can, CurrentActor } from '@warbler/api/access';
import { type Actor, DomainError, isTenantActor, type TenantActor } from '@warbler/api/core';
import { ApiKeyModel, CreatedApiKeyModel, toApiKey } from './graphql/api-key.model';
import { ApiKeyIdArgs, CreateApiKeyInput, RenameApiKeyArgs } from './graphql/api-keys.args';
import { ApiKeysService } from './api-keys.service';

@Resolver(() => ApiKeyModel)
export class ApiKeysResolver {
  constructor(private readonly service: ApiKeysService) {}

  @Query(() => [ApiKeyModel], { description: 'Newest first; never a secret' })
  @Can('read', 'ApiKey')
  async apiKeys(@CurrentActor() actor: Actor): Promise<ApiKeyModel[]> {
    return (await this.service.list(inTenant(actor))).map(toApiKey);
  }

  @Mutation(() => CreatedApiKeyModel)
  @Can('create', 'ApiKey')
  async createApiKey(
    @CurrentActor() actor: Actor,
    @Args('input') input: CreateApiKeyInput,
  ): Promise<CreatedApiKeyModel> {
    const { apiKey, secret } = await this.service.create(inTenant(actor), input);
    return { apiKey: toApiKey(apiKey), secret };
  }

  @Mutation(() => ApiKeyModel)
  @Can('update', 'ApiKey')
  async renameApiKey(@CurrentActor() actor: Actor, @Args() { id, name }: RenameApiKeyArgs): Promise<ApiKeyModel> {
    return toApiKey(await this.service.rename(inTenant(actor), id, name));
  }

  @Mutation(() => ApiKeyModel, { description: 'Idempotent: revoking a revoked key returns it unchanged' })
  @Can('delete', 'ApiKey')
  async revokeApiKey(@CurrentActor() actor: Actor, @Args() { id }: ApiKeyIdArgs): Promise<ApiKeyModel> {
    return toApiKey(await this.service.revoke(inTenant(actor), id));
  }
}

/** The guard's @Can already refused callers without a tenant role; this tells the types. */
function inTenant(actor: Actor): TenantActor {
  if (!isTenantActor(actor)) throw new DomainError('FORBIDDEN', 'Select a tenant first', 'NO_TENANT');
  return actor;
}
