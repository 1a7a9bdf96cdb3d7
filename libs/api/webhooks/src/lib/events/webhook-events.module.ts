import { Module } from '@nestjs/common';
import { TenantWebhooks } from './tenant-webhooks';

/**
 * What other domains import to raise webhook events: the publisher alone, which only inserts in the
 * caller's transaction and needs nothing else.
 */
@Module({ providers: [TenantWebhooks], exports: [TenantWebhooks] })
export class WebhookEventsModule {}
