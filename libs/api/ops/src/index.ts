export * from './lib/graphql-metrics.plugin';
export * from './lib/http-metrics.middleware';
export * from './lib/logging';
export * from './lib/metrics';
export * from './lib/ops.module';
