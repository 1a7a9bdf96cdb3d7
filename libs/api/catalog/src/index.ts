export * from './lib/catalog.module';
export * from './lib/subscriptions/subscription-provisioning';
export * from './lib/subscriptions/subscription-periods';
