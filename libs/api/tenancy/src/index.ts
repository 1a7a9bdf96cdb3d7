export * from './lib/tenancy.module';
