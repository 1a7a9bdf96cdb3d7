export * from './lib/graphql-metrics.plugin';
export * from './lib/http-metrics.middleware';
export * from './lib/logging';
export * from './lib/ops.module';
