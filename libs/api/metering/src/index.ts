export * from './lib/metering.module';
export { UsageIngestion } from './lib/ingestion/usage-ingestion.service';
