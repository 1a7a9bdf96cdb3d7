export * from './lib/metering.module';
