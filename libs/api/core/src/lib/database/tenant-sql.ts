import type { Pool } from 'pg';

/** Statements inside one tenant's transaction on the plain pg pool. */
export interface TenantSql {
  readonly tenantId: string;
  query<T>(text: string, values?: unknown[]): Promise<T[]>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Runs `work` in a transaction whose first act is to set the tenant, as `db.forTenant` does,
 * but without Prisma: for the ingestion path, where each batch's statements carry thousands of
 * values and Prisma's per-statement work cost more than PostgreSQL's. BEGIN, the tenant and the
 * statement timeout travel in one round trip; the tenant id can be inlined because it must be a
 * UUID. Any error rolls back; a connection that cannot roll back is discarded, never reused.
 */
export async function inTenantSqlTransaction<T>(
  pool: Pool,
  tenantId: string,
  work: (sql: TenantSql) => Promise<T>,
  statementTimeoutMs: number,
): Promise<T> {
  if (!UUID.test(tenantId)) throw new RangeError(`not a tenant id: ${JSON.stringify(tenantId)}`);
  if (!Number.isInteger(statementTimeoutMs) || statementTimeoutMs <= 0) {
    throw new RangeError(`not a statement timeout: ${statementTimeoutMs}`);
  }
  const client = await pool.connect();
  let unusable: Error | undefined;
  try {
    await client.query(
      `BEGIN; SELECT set_config('app.tenant_id', '${tenantId}', true); SET LOCAL statement_timeout = ${statementTimeoutMs}`,
    );
    const sql: TenantSql = {
      tenantId,
      query: async <R>(text: string, values?: unknown[]) => (await client.query(text, values)).rows as R[],
    };
    const result = await work(sql);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => {
      unusable = rollbackError;
    });
    throw error;
  } finally {
    client.release(unusable);
  }
}
