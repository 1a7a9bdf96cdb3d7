import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { PageInfo } from '@warbler/api/audit';
import GraphQLJSON from 'graphql-type-json';
import { WebhookDeliveryStatus } from './webhook-enums';

@ObjectType('WebhookDeliveryAttempt')
export class WebhookDeliveryAttemptModel {
  @Field(() => Int, { description: '1 for the first attempt' }) number!: number;
  @Field() attemptedAt!: Date;
  @Field(() => Int) durationMs!: number;
  @Field() succeeded!: boolean;
  @Field(() => Int, { nullable: true, description: 'None when no answer came (timeout, refused, network)' })
  statusCode!: number | null;
  @Field(() => String, { nullable: true }) error!: string | null;
  @Field(() => String, { nullable: true, description: 'The start of the answer, at most 1000 characters' })
  responseSnippet!: string | null;
}

@ObjectType('WebhookEvent')
export class WebhookEventModel {
  @Field(() => ID, { description: 'Sent as Warbler-Event-Id: the same on every attempt and redelivery' }) id!: string;
  @Field({ description: 'e.g. invoice.finalized, or webhook.test' }) type!: string;
  @Field() createdAt!: Date;
  @Field(() => GraphQLJSON, { description: 'The event’s data, as in the body’s "data"' }) data!: unknown;
}

@ObjectType('WebhookDelivery')
export class WebhookDeliveryModel {
  @Field(() => ID) id!: string;
  @Field(() => ID) endpointId!: string;
  @Field() endpointUrl!: string;
  @Field(() => WebhookEventModel) event!: WebhookEventModel;
  @Field(() => WebhookDeliveryStatus) status!: WebhookDeliveryStatus;
  @Field(() => Int, { description: 'Attempts started' }) attempts!: number;
  @Field(() => Date, { nullable: true, description: 'When it is tried next; none unless PENDING' })
  nextAttemptAt!: Date | null;
  @Field({ description: 'No automatic retry after this' }) retryUntil!: Date;
  @Field(() => Date, { nullable: true }) lastAttemptAt!: Date | null;
  @Field(() => Int, { nullable: true }) lastStatusCode!: number | null;
  @Field(() => String, { nullable: true }) lastError!: string | null;
  @Field(() => Date, { nullable: true }) deliveredAt!: Date | null;
  @Field() createdAt!: Date;
  @Field(() => [WebhookDeliveryAttemptModel], { description: 'Oldest first' })
  attemptLog!: WebhookDeliveryAttemptModel[];
}

@ObjectType()
export class WebhookDeliveryEdge {
  @Field() cursor!: string;
  @Field(() => WebhookDeliveryModel) node!: WebhookDeliveryModel;
}

@ObjectType()
export class WebhookDeliveryConnection {
  @Field(() => [WebhookDeliveryEdge]) edges!: WebhookDeliveryEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}
