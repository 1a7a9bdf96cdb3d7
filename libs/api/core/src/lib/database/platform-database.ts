import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { createPrismaClient, type PrismaClient } from './prisma-client';

/**
 * Cross-tenant access as warbler_platform (BYPASSRLS). Provided only by
 * PlatformDatabaseModule, which only operator-scoped modules import, and every use must
 * sit behind a staff permission.
 */
@Injectable()
export class PlatformDatabase implements OnModuleDestroy {
  readonly client: PrismaClient;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.client = createPrismaClient(config.platformDatabaseUrl, {
      max: 4,
      applicationName: 'warbler-platform',
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.client.$disconnect();
  }
}
