import pg from 'pg';
import { runWarbler } from '../start/run-warbler.mjs';

/**
 * The server the browser tests run against: the built product on its own fresh database
 * (warbler_e2e on the DATABASE_URL server), seeded with the demo data.
 */
const server = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const port = process.env.E2E_PORT ?? '3100';
const url = new URL(server);
url.pathname = '/warbler_e2e';

const admin = new pg.Client({ connectionString: server });
await admin.connect();
await admin.query('DROP DATABASE IF EXISTS warbler_e2e WITH (FORCE)');
await admin.query('CREATE DATABASE warbler_e2e');
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
  },
  { log: (line) => console.log(`[e2e server] ${line}`), onExit: (code) => process.exit(code) },
);
