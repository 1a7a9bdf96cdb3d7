import { join } from 'node:path';
import { Client } from 'pg';
// Relative imports: Jest loads this from its global setup, where path aliases do not apply.
import { loadConfig } from '../../libs/api/core/src/lib/config/app-config';
import { applyMigrations, setRolePasswords } from '../../libs/api/core/src/lib/database/migrations';

/**
 * The PostgreSQL database every test run uses: `warbler_test` on the server named by
 * DATABASE_URL (default: the local server). Tests share it and keep apart by creating
 * their own tenants; `reset` recreates it from the migrations.
 */
const DEFAULT_SERVER = 'postgresql://postgres@127.0.0.1:5432/postgres';
const MIGRATIONS = join(__dirname, '../../prisma/migrations');

export function testDatabaseUrl(serverUrl = process.env['DATABASE_URL'] ?? DEFAULT_SERVER): string {
  const url = new URL(serverUrl);
  url.pathname = `/${process.env['TEST_DATABASE_NAME'] ?? 'warbler_test'}`;
  return url.toString();
}

export async function prepareTestDatabase({ reset }: { reset: boolean }): Promise<string> {
  const serverUrl = process.env['WARBLER_TEST_SERVER_URL'] ?? process.env['DATABASE_URL'] ?? DEFAULT_SERVER;
  const testUrl = testDatabaseUrl(serverUrl);
  const name = new URL(testUrl).pathname.slice(1);
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (reset && exists.rowCount) {
      await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
    }
    if (reset || !exists.rowCount) await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  await applyMigrations(testUrl, MIGRATIONS);
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', DATABASE_URL: testUrl });
  await setRolePasswords(testUrl, {
    app: decodeURIComponent(new URL(config.appDatabaseUrl).password),
    platform: decodeURIComponent(new URL(config.platformDatabaseUrl).password),
  });
  return testUrl;
}

if (require.main === module) {
  prepareTestDatabase({ reset: process.argv.includes('--reset') })
    .then((url) => console.log(`test database ready: ${url.replace(/\/\/[^@]*@/, '//')}`))
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
