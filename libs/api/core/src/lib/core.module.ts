import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, loadConfig } from './config/app-config';
import { Database } from './database/database';
import { PlatformDatabase } from './database/platform-database';
import { PeriodicJobs } from './jobs/periodic-jobs';

@Global()
@Module({
  providers: [{ provide: APP_CONFIG, useFactory: () => loadConfig() }, Database, PeriodicJobs],
  exports: [APP_CONFIG, Database, PeriodicJobs],
})
export class CoreModule {}

/** Import only from operator-scoped modules (support, finance, catalog administration). */
@Module({ providers: [PlatformDatabase], exports: [PlatformDatabase] })
export class PlatformDatabaseModule {}
