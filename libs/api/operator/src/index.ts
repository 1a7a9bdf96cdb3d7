export * from './lib/operator.module';
