import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { Client, Pool } from 'pg';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { Actor } from '../context/actor';
import { DomainError } from '../errors/domain-error';
import { createPrismaClient, type PrismaClient } from './prisma-client';
import { tenantClient, userClient, type TenantClient, type UserClient } from './tenant-client';
import { inTenantSqlTransaction, type TenantSql } from './tenant-sql';

/**
 * The API's only way to the database, connected as warbler_app (no BYPASSRLS).
 * Tenant-owned tables are reached through `forTenant(actor)`; row-level security makes
 * every other path see no tenant rows at all.
 */
@Injectable()
export class Database implements OnModuleDestroy {
  private readonly client: PrismaClient;
  private readonly machinePool: Pool;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
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

  /**
   * A connection of its own LISTENing on `channel` (a pooled one would drop the LISTEN when
   * released). Resolves once LISTEN is in effect, with a function that closes it. `onLost` is
   * called once if the connection fails or ends otherwise: notices may have been missed since.
   */
  async listen(
    channel: string,
    onNotice: (payload: string) => void,
    onLost: (error: Error) => void,
  ): Promise<() => Promise<void>> {
    const client = new Client({
      connectionString: this.config.appDatabaseUrl,
      application_name: 'warbler-api-listener',
      connectionTimeoutMillis: 5_000,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    let listening = false;
    let lost: Error | undefined;
    let ending = Promise.resolve();
    const lose = (error: Error) => {
      if (lost) return;
      lost = error;
      ending = client.end().catch(() => undefined);
      if (listening) onLost(error);
    };
    client.on('notification', (notice) => {
      if (notice.channel === channel) onNotice(notice.payload ?? '');
    });
    client.on('error', lose);
    client.on('end', () => lose(new Error('the listening connection ended')));
    try {
      await client.connect();
      await client.query(`LISTEN ${client.escapeIdentifier(channel)}`);
      // An error that came in with LISTEN's answer has been reported by now.
      if (lost) throw lost;
    } catch (error) {
      lose(error as Error);
      throw error;
    }
    listening = true;
    return async () => {
      listening = false;
      lose(new Error('closed'));
      await ending;
    };
  }

  /** A unit of work inside the actor's tenant on the plain pg pool, for hot paths with large statements. */
  tenantSqlTransaction<T>(
    actor: Pick<Actor, 'tenantId'>,
    work: (sql: TenantSql) => Promise<T>,
    { timeoutMs = 30_000 } = {},
  ): Promise<T> {
    if (!actor.tenantId) {
      throw new DomainError('FORBIDDEN', 'Select a tenant first', 'NO_TENANT');
    }
    return inTenantSqlTransaction(this.machinePool, actor.tenantId, work, timeoutMs);
  }

  /**
   * Runs `work` while holding the session advisory lock `key` on a connection of its own, or
   * answers false at once when another session holds it. A session lock has no deadline (a long
   * run keeps it to the end) and dies with its connection if the process does.
   */
  async whileHoldingAdvisoryLock(key: bigint, work: () => Promise<void>): Promise<boolean> {
    const client = await this.machinePool.connect();
    let broken: Error | undefined;
    try {
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [
        key.toString(),
      ]);
      if (!rows[0].locked) return false;
      try {
        await work();
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [key.toString()]).catch((error: Error) => {
          broken = error;
        });
      }
      return true;
    } finally {
      // A connection whose unlock failed may still hold the lock: it is closed, not pooled.
      client.release(broken);
    }
  }

  async ping(): Promise<void> {
    await this.client.$queryRaw`SELECT 1`;
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([this.client.$disconnect(), this.machinePool.end()]);
  }
}
