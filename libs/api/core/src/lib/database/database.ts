import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { Pool } from 'pg';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { Actor } from '../context/actor';
import { DomainError } from '../errors/domain-error';
import { createPrismaClient, type PrismaClient } from './prisma-client';
import { tenantClient, userClient, type TenantClient, type UserClient } from './tenant-client';

/**
 * The API's only way to the database, connected as warbler_app (no BYPASSRLS).
 * Tenant-owned tables are reached through `forTenant(actor)`; row-level security makes
 * every other path see no tenant rows at all.
 */
@Injectable()
export class Database implements OnModuleDestroy {
  private readonly client: PrismaClient;
  private readonly machinePool: Pool;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.client = createPrismaClient(config.appDatabaseUrl, { applicationName: 'warbler-api' });
    this.machinePool = new Pool({
      connectionString: config.appDatabaseUrl,
      max: 10,
      application_name: 'warbler-api-machine',
      connectionTimeoutMillis: 5_000,
    });
  }

  /** Work inside the actor's current tenant; refuses an actor with no tenant. */
  forTenant(actor: Pick<Actor, 'tenantId'>): TenantClient {
    if (!actor.tenantId) {
      throw new DomainError('FORBIDDEN', 'Select a tenant first', 'NO_TENANT');
    }
    return tenantClient(this.client, actor.tenantId);
  }

  /** The signed-in user's own memberships and tenants, across tenants. */
  forUser(userId: string): UserClient {
    return userClient(this.client, userId);
  }

  /** Identity tables (users, sessions, tokens) which belong to no tenant. */
  get identity(): PrismaClient {
    return this.client;
  }

  /**
   * One parameterized statement as warbler_app, outside Prisma: for the reads a tenant's
   * software makes on every call (API-key lookup, quota standings), where Prisma's per-query
   * overhead was most of the cost. It sets no tenant; row-level security still applies, so
   * tenant data is reachable only through functions that set the tenant themselves.
   */
  async machineQuery<T>(text: string, values: unknown[]): Promise<T[]> {
    return (await this.machinePool.query(text, values)).rows as T[];
  }

  async ping(): Promise<void> {
    await this.client.$queryRaw`SELECT 1`;
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([this.client.$disconnect(), this.machinePool.end()]);
  }
}
