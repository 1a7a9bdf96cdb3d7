import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { WebhookEndpointModel as StoredEndpoint } from '@warbler/api/core';
import { WebhookEventType } from './webhook-enums';

/** An endpoint as the console lists it: never its secret. */
@ObjectType('WebhookEndpoint')
export class WebhookEndpointModel {
  @Field(() => ID) id!: string;
  @Field() url!: string;
  @Field() description!: string;
  @Field(() => [WebhookEventType]) eventTypes!: WebhookEventType[];
  @Field({ description: 'A disabled endpoint gets no new events; its pending deliveries wait' }) enabled!: boolean;
  @Field({ description: 'The last characters of the signing secret, to tell secrets apart' }) secretHint!: string;
  @Field(() => Date, {
    nullable: true,
    description: 'Until then deliveries also carry a signature with the secret before the last rotation',
  })
  previousSecretExpiresAt!: Date | null;
  @Field(() => Date, { nullable: true }) secretRotatedAt!: Date | null;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
}

@ObjectType('WebhookEndpointWithSecret')
export class WebhookEndpointWithSecretModel {
  @Field(() => WebhookEndpointModel) endpoint!: WebhookEndpointModel;
  @Field({ description: 'The signing secret; it is shown this once and cannot be read again' }) secret!: string;
}

export function toEndpoint(endpoint: StoredEndpoint, now = new Date()): WebhookEndpointModel {
  const overlapping = endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now;
  return {
    id: endpoint.id,
    url: endpoint.url,
    description: endpoint.description,
    eventTypes: endpoint.eventTypes as WebhookEventType[],
    enabled: endpoint.enabled,
    secretHint: endpoint.secretHint,
    previousSecretExpiresAt: overlapping ? endpoint.previousSecretExpiresAt : null,
    secretRotatedAt: endpoint.secretRotatedAt,
    createdAt: endpoint.createdAt,
    updatedAt: endpoint.updatedAt,
  };
}
