import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Can, CurrentActor } from '@warbler/api/access';
import { type Actor, DomainError, isTenantActor, type TenantActor } from '@warbler/api/core';
import { encodeDeliveryCursor } from './deliveries/delivery-cursor';
import { toDelivery } from './deliveries/delivery-records';
import { WebhookDeliveries } from './deliveries/webhook-deliveries.service';
import { WebhookEndpoints } from './endpoints/webhook-endpoints.service';
import { WebhookDeliveryConnection, WebhookDeliveryModel } from './graphql/webhook-delivery.model';
import { toEndpoint, WebhookEndpointModel, WebhookEndpointWithSecretModel } from './graphql/webhook-endpoint.model';
import {
  CreateWebhookEndpointInput,
  RotateWebhookSecretArgs,
  UpdateWebhookEndpointArgs,
  WebhookDeliveriesArgs,
  WebhookDeliveryIdArgs,
  WebhookEndpointIdArgs,
} from './graphql/webhooks.args';

/** A tenant's webhooks, for its owners and admins (subject Webhook). */
@Resolver()
export class WebhooksResolver {
  constructor(
    private readonly endpoints: WebhookEndpoints,
    private readonly deliveries: WebhookDeliveries,
  ) {}

  @Query(() => [WebhookEndpointModel], { description: 'Newest first; never a secret' })
  @Can('read', 'Webhook')
  async webhookEndpoints(@CurrentActor() actor: Actor): Promise<WebhookEndpointModel[]> {
    return (await this.endpoints.list(inTenant(actor))).map((endpoint) => toEndpoint(endpoint));
  }

  @Mutation(() => WebhookEndpointWithSecretModel)
  @Can('create', 'Webhook')
  async createWebhookEndpoint(
    @CurrentActor() actor: Actor,
    @Args('input') input: CreateWebhookEndpointInput,
  ): Promise<WebhookEndpointWithSecretModel> {
    const { endpoint, secret } = await this.endpoints.create(inTenant(actor), input);
    return { endpoint: toEndpoint(endpoint), secret };
  }

  @Mutation(() => WebhookEndpointModel, { description: 'What the input leaves out stays as it is' })
  @Can('update', 'Webhook')
  async updateWebhookEndpoint(
    @CurrentActor() actor: Actor,
    @Args() { id, input }: UpdateWebhookEndpointArgs,
  ): Promise<WebhookEndpointModel> {
    return toEndpoint(await this.endpoints.update(inTenant(actor), id, input));
  }

  @Mutation(() => WebhookEndpointModel, { description: 'The endpoint as it was; its deliveries go with it' })
  @Can('delete', 'Webhook')
  async deleteWebhookEndpoint(
    @CurrentActor() actor: Actor,
    @Args() { id }: WebhookEndpointIdArgs,
  ): Promise<WebhookEndpointModel> {
    return toEndpoint(await this.endpoints.delete(inTenant(actor), id));
  }

  @Mutation(() => WebhookEndpointWithSecretModel, {
    description: 'A new signing secret; the current one keeps signing beside it for 24 hours unless expireCurrentNow',
  })
  @Can('update', 'Webhook')
  async rotateWebhookSecret(
    @CurrentActor() actor: Actor,
    @Args() { id, expireCurrentNow }: RotateWebhookSecretArgs,
  ): Promise<WebhookEndpointWithSecretModel> {
    const { endpoint, secret } = await this.endpoints.rotateSecret(inTenant(actor), id, expireCurrentNow ?? false);
    return { endpoint: toEndpoint(endpoint), secret };
  }

  @Mutation(() => WebhookDeliveryModel, { description: 'Queues a webhook.test event for this endpoint alone' })
  @Can('update', 'Webhook')
  async sendTestWebhook(
    @CurrentActor() actor: Actor,
    @Args() { id }: WebhookEndpointIdArgs,
  ): Promise<WebhookDeliveryModel> {
    return toDelivery(await this.endpoints.sendTest(inTenant(actor), id));
  }

  @Query(() => WebhookDeliveryConnection, { description: 'Newest first' })
  @Can('read', 'Webhook')
  async webhookDeliveries(
    @CurrentActor() actor: Actor,
    @Args() args: WebhookDeliveriesArgs,
  ): Promise<WebhookDeliveryConnection> {
    const rows = await this.deliveries.page(inTenant(actor), args);
    const edges = rows
      .slice(0, args.first)
      .map((row) => ({ cursor: encodeDeliveryCursor(row), node: toDelivery(row) }));
    return { edges, pageInfo: { hasNextPage: rows.length > args.first, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  @Query(() => WebhookDeliveryModel)
  @Can('read', 'Webhook')
  async webhookDelivery(
    @CurrentActor() actor: Actor,
    @Args() { id }: WebhookDeliveryIdArgs,
  ): Promise<WebhookDeliveryModel> {
    return toDelivery(await this.deliveries.get(inTenant(actor), id));
  }

  @Mutation(() => WebhookDeliveryModel, { description: 'One more attempt, now' })
  @Can('update', 'Webhook')
  async redeliverWebhook(
    @CurrentActor() actor: Actor,
    @Args() { id }: WebhookDeliveryIdArgs,
  ): Promise<WebhookDeliveryModel> {
    return toDelivery(await this.deliveries.redeliver(inTenant(actor), id));
  }
}

/** The guard's @Can already refused callers without a tenant role; this tells the types. */
function inTenant(actor: Actor): TenantActor {
  if (!isTenantActor(actor)) throw new DomainError('FORBIDDEN', 'Select a tenant first', 'NO_TENANT');
  return actor;
}
