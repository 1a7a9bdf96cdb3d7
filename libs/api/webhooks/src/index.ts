export { WebhooksModule } from './lib/webhooks.module';
export { WebhookEventsModule } from './lib/events/webhook-events.module';
export { TenantWebhooks, type PublishOptions } from './lib/events/tenant-webhooks';
export * from './lib/events/webhook-event-types';
export { WebhookDispatcher, type DispatchRun } from './lib/delivery/webhook-dispatcher';
export { retryDelayMs, RETRY_WINDOW_MS } from './lib/delivery/retry-schedule';
