export * from './lib/api-keys.module';
