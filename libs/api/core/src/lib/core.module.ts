import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, loadConfig } from './config/app-config';
import { Database } from './database/database';
import { PlatformDatabase } from './database/platform-database';
import { PeriodicJobs } from './jobs/periodic-jobs';
import { Metrics } from './metrics/metrics';

@Global()
@Module({
  providers: [{ provide: APP_CONFIG, useFactory: () => loadConfig() }, Database, PeriodicJobs, Metrics],
  exports: [APP_CONFIG, Database, PeriodicJobs, Metrics],
})
export class CoreModule {}

/** Import only from operator-scoped modules (support, finance, catalog administration). */
@Module({ providers: [PlatformDatabase], exports: [PlatformDatabase] })
export class PlatformDatabaseModule {}
