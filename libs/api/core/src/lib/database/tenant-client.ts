import type { PrismaClient } from '../../generated/prisma/client';
import type { Prisma } from '../../generated/prisma/client';
import { DomainError } from '../errors/domain-error';

/** A transaction bound to one tenant: row-level security sees that tenant only. */
export type TenantTx = Prisma.TransactionClient;

export interface TransactionOptions {
  isolationLevel?: Prisma.TransactionIsolationLevel;
  timeout?: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function requireUuid(value: string | null | undefined, what: string): string {
  if (!value || !UUID.test(value)) {
    throw new DomainError('FORBIDDEN', `No ${what} is selected for this request`, 'NO_TENANT');
  }
  return value;
}

/**
 * Runs `work` in one interactive transaction whose first statement sets the given
 * settings with set_config(..., true), i.e. for this transaction only: nothing leaks
 * to the next user of the pooled connection, and an error anywhere rolls back all.
 */
async function withSettings<T>(
  base: PrismaClient,
  settings: Record<string, string>,
  work: (tx: TenantTx) => Promise<T>,
  options?: TransactionOptions,
): Promise<T> {
  return base.$transaction(async (tx) => {
    for (const [name, value] of Object.entries(settings)) {
      await tx.$executeRaw`SELECT set_config(${name}, ${value}, true)`;
    }
    return work(tx);
  }, options);
}

/**
 * The tenant-bound client handed out by `Database.forTenant`. Each single model operation
 * on it runs in its own two-statement transaction that sets `app.tenant_id` first. A unit
 * of work with several statements must use `transaction()`: one interactive transaction on
 * the base client, so its statements are not wrapped again (wrapping each statement of an
 * outer transaction in its own batch is what silently stops it from rolling back).
 */
export function tenantClient(base: PrismaClient, tenantId: string) {
  const id = requireUuid(tenantId, 'tenant');
  const settings = { 'app.tenant_id': id };
  return base.$extends({
    name: 'tenant-scope',
    query: {
      $allModels: {
        async $allOperations({ args, query }) {
          // A batch of exactly two statements on one connection: the setting, then the
          // operation. query(args) is a lazy PrismaPromise, so it joins the batch.
          const [, result] = await base.$transaction([
            base.$executeRaw`SELECT set_config('app.tenant_id', ${id}, true)`,
            query(args),
          ]);
          return result;
        },
      },
    },
    client: {
      tenantId: id,
      transaction<T>(work: (tx: TenantTx) => Promise<T>, options?: TransactionOptions) {
        return withSettings(base, settings, work, options);
      },
    },
  });
}

export type TenantClient = ReturnType<typeof tenantClient>;

/**
 * A client for what a signed-in user may see across tenants: their own memberships and
 * the tenants they belong to (the tenant switcher). It never sets a tenant.
 */
export function userClient(base: PrismaClient, userId: string) {
  const id = requireUuid(userId, 'user');
  return {
    transaction<T>(work: (tx: TenantTx) => Promise<T>, options?: TransactionOptions) {
      return withSettings(base, { 'app.user_id': id }, work, options);
    },
  };
}

export type UserClient = ReturnType<typeof userClient>;
