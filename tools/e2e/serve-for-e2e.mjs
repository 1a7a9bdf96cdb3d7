import pg from 'pg';
import { runWarbler } from '../start/run-warbler.mjs';

/**
 * The server the browser tests run against: the built product on its own fresh database
 * (warbler_e2e on the DATABASE_URL server, or E2E_DATABASE_NAME), seeded with the demo data.
 */
const server = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const port = process.env.E2E_PORT ?? '3100';
const databaseName = process.env.E2E_DATABASE_NAME ?? 'warbler_e2e';
if (!/^[a-z0-9_]+$/.test(databaseName)) throw new Error(`E2E_DATABASE_NAME must be lower-case letters, digits and _`);
const url = new URL(server);
url.pathname = `/${databaseName}`;

const admin = new pg.Client({ connectionString: server });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
await admin.query(`CREATE DATABASE ${databaseName}`);
await admin.end();

runWarbler(
  {
    ...process.env,
    DATABASE_URL: url.toString(),
    PORT: port,
    NODE_ENV: 'production',
    PUBLIC_URL: `http://localhost:${port}`,
    JWT_SECRET: 'e2e-secret-that-is-long-enough-for-production-mode',
    LOG_LEVEL: 'warn',
    // Browser tests sign in many times from one address.
    LOGIN_ATTEMPTS_PER_WINDOW: '50',
    // The webhook test's receiver listens on 127.0.0.1, which production mode refuses (docs/webhooks.md).
    WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
  },
  { log: (line) => console.log(`[e2e server] ${line}`), onExit: (code) => process.exit(code) },
);
