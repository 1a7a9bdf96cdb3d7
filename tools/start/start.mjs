import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmbeddedPostgres } from './embedded-postgres.mjs';
import { root, runWarbler } from './run-warbler.mjs';

/**
 * `npm start` (after the build): the whole product on one port. Without DATABASE_URL it
 * runs an embedded PostgreSQL under .data/; either way it migrates, seeds the demo data
 * once, serves the API and the console, and prints where to sign in.
 */
const log = (line) => console.log(`[warbler] ${line}`);
const env = { ...process.env };
env.PORT ??= '3000';
env.NODE_ENV ??= 'production';
env.PUBLIC_URL ??= `http://localhost:${env.PORT}`;
if (!env.JWT_SECRET) {
  // A local demo needs no configuration; any real deployment sets its own secret.
  env.JWT_SECRET = 'local-demo-secret-do-not-use-in-a-real-deployment';
  log('JWT_SECRET is not set: using the local demo secret (set your own for any real deployment)');
}

let embedded;
if (!env.DATABASE_URL) {
  const port = Number(env.EMBEDDED_PG_PORT ?? 54329);
  embedded = await startEmbeddedPostgres({ root, port, password: env.EMBEDDED_PG_PASSWORD ?? 'warbler-local', log });
  await embedded.ensureDatabase();
  env.DATABASE_URL = embedded.url;
  log(`embedded PostgreSQL is running on port ${port} (data in .data/postgres)`);
}

const stop = async (code) => {
  await embedded?.stop().catch(() => undefined);
  process.exit(code);
};

try {
  runWarbler(env, {
    log: (line) => {
      log(line);
      if (line.startsWith('ready')) printLogins();
    },
    onExit: stop,
  });
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await stop(1);
}

function printLogins() {
  const accounts = JSON.parse(readFileSync(join(root, 'prisma/seed/demo-accounts.json'), 'utf8'));
  log(`Warbler is running at ${env.PUBLIC_URL}`);
  log('demo logins:');
  for (const account of accounts) {
    log(`  ${account.email.padEnd(20)} ${account.password.padEnd(22)} ${account.note}`);
  }
  const apiKey = JSON.parse(readFileSync(join(root, 'prisma/seed/demo-api-key.json'), 'utf8'));
  log(`demo API key of Acme Chat (usage:write, quota:read): ${apiKey.key}`);
  log(`  curl -H "Authorization: Bearer ${apiKey.key}" ${env.PUBLIC_URL}/v1/quotas`);
}
