import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';

/**
 * Applies prisma/migrations/<name>/migration.sql in name order and records each in
 * _prisma_migrations exactly as `prisma migrate deploy` does, so either tool can take
 * over a database from the other. Prisma's schema engine is not needed.
 */
export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

/** Prisma's own lock id for migrate, so this runner and Prisma never run at once. */
const MIGRATION_LOCK_ID = 72707369;

export function readMigrations(dir: string): Migration[] {
  if (!existsSync(dir)) throw new Error(`Migrations folder not found: ${dir}`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
  /** Applied migrations whose file changed since: a landed migration was edited. */
  modified: string[];
  failed: string[];
}

const BOOKKEEPING = `
CREATE TABLE IF NOT EXISTS _prisma_migrations (
  id                  VARCHAR(36) PRIMARY KEY NOT NULL,
  checksum            VARCHAR(64) NOT NULL,
  finished_at         TIMESTAMPTZ,
  migration_name      VARCHAR(255) NOT NULL,
  logs                TEXT,
  rolled_back_at      TIMESTAMPTZ,
  started_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
  applied_steps_count INTEGER NOT NULL DEFAULT 0
)`;

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

async function appliedRows(client: Client): Promise<AppliedRow[]> {
  const exists = await client.query(`SELECT to_regclass('_prisma_migrations') AS t`);
  if (!exists.rows[0].t) return [];
  const { rows } = await client.query<AppliedRow>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations`,
  );
  return rows.filter((row) => row.rolled_back_at === null);
}

export async function migrationStatus(client: Client, migrations: Migration[]): Promise<MigrationStatus> {
  const rows = await appliedRows(client);
  const byName = new Map(rows.map((row) => [row.migration_name, row]));
  const status: MigrationStatus = { applied: [], pending: [], modified: [], failed: [] };
  for (const migration of migrations) {
    const row = byName.get(migration.name);
    if (!row) status.pending.push(migration.name);
    else if (row.finished_at === null) status.failed.push(migration.name);
    else if (row.checksum !== migration.checksum) status.modified.push(migration.name);
    else status.applied.push(migration.name);
  }
  return status;
}

/**
 * Applies every pending migration, each in its own transaction. Refuses to run when a
 * landed migration was edited or an earlier one failed: both need a person to look.
 */
export async function applyMigrations(
  ownerUrl: string,
  dir: string,
  log: (line: string) => void = () => undefined,
): Promise<string[]> {
  const migrations = readMigrations(dir);
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    await client.query(BOOKKEEPING);
    const status = await migrationStatus(client, migrations);
    if (status.failed.length) {
      throw new Error(`Migration ${status.failed[0]} failed earlier; resolve it before migrating`);
    }
    if (status.modified.length) {
      throw new Error(`Migration ${status.modified[0]} was edited after it was applied; migrations are forward-only`);
    }
    const applied: string[] = [];
    for (const migration of migrations.filter((m) => status.pending.includes(m.name))) {
      const id = randomUUID();
      await client.query('BEGIN');
      try {
        await client.query(`INSERT INTO _prisma_migrations (id, checksum, migration_name) VALUES ($1, $2, $3)`, [
          id,
          migration.checksum,
          migration.name,
        ]);
        await client.query(migration.sql);
        await client.query(`UPDATE _prisma_migrations SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`, [
          id,
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`);
      }
      applied.push(migration.name);
      log(`applied ${migration.name}`);
    }
    // Readiness probes run as the app role and read the bookkeeping.
    await client.query(`DO $$ BEGIN
      IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'warbler_app') THEN
        GRANT SELECT ON _prisma_migrations TO warbler_app;
      END IF;
    END $$`);
    return applied;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
    await client.end();
  }
}

/**
 * Gives the login roles the migrations create the passwords this deployment uses.
 * Kept out of the migrations so no secret is ever committed.
 */
export async function setRolePasswords(ownerUrl: string, passwords: { app: string; platform: string }): Promise<void> {
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    for (const [role, password] of [
      ['warbler_app', passwords.app],
      ['warbler_platform', passwords.platform],
    ] as const) {
      await client.query(`ALTER ROLE ${role} PASSWORD ${client.escapeLiteral(password)}`);
    }
  } finally {
    await client.end();
  }
}
