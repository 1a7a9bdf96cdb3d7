import { Module } from '@nestjs/common';
import { AuditModule } from '@warbler/api/audit';
import { PlatformDatabaseModule } from '@warbler/api/core';
import { WebhookDeliveries } from './deliveries/webhook-deliveries.service';
import { WebhookDispatcher } from './delivery/webhook-dispatcher';
import { WebhookEndpoints } from './endpoints/webhook-endpoints.service';
import { WebhookSecretBox } from './endpoints/webhook-secret-box';
import { WebhookEventsModule } from './events/webhook-events.module';
import { WebhooksResolver } from './webhooks.resolver';

/**
 * The tenant's webhook endpoints and deliveries (GraphQL) and the delivery worker. The platform
 * database is for the worker's claim across tenants only.
 */
@Module({
  imports: [AuditModule, PlatformDatabaseModule, WebhookEventsModule],
  providers: [WebhookSecretBox, WebhookDispatcher, WebhookEndpoints, WebhookDeliveries, WebhooksResolver],
  exports: [WebhookEventsModule, WebhookDispatcher],
})
export class WebhooksModule {}
