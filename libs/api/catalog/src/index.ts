export * from './lib/catalog.module';
export * from './lib/subscriptions/subscription-provisioning';
export * from './lib/subscriptions/subscription-periods';
export * from './lib/subscriptions/billing-periods';
export * from './lib/subscriptions/plan-offers';
export * from './lib/subscriptions/subscription-view';
export * from './lib/graphql/subscription.model';
export { PlanVersionModel, toPlanVersion } from './lib/graphql/plan.model';
export { PLAN_VERSION_WITH_PLAN } from './lib/shared/catalog-rows';
