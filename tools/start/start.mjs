import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbeddedPostgres } from './embedded-postgres.mjs';

/**
 * `npm start`: the whole product on one port. Without DATABASE_URL it runs an embedded
 * PostgreSQL under .data/; either way it applies migrations, seeds the demo data once,
 * then serves the API and the built console.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const log = (line) => console.log(`[warbler] ${line}`);
const env = { ...process.env };
env.PORT ??= '3000';
env.NODE_ENV ??= 'production';
env.PUBLIC_URL ??= `http://localhost:${env.PORT}`;
if (env.NODE_ENV === 'production' && !env.JWT_SECRET) {
  // A local demo needs no configuration; a real deployment sets its own secret.
  env.JWT_SECRET = 'local-demo-secret-do-not-use-in-a-real-deployment';
  log('JWT_SECRET is not set: using the local demo secret (set it for any real deployment)');
}

let embedded;
if (!env.DATABASE_URL) {
  embedded = await startEmbeddedPostgres({
    root,
    port: Number(env.EMBEDDED_PG_PORT ?? 54329),
    password: env.EMBEDDED_PG_PASSWORD ?? 'warbler-local',
    log,
  });
  await embedded.ensureDatabase();
  env.DATABASE_URL = embedded.url;
  log(`embedded PostgreSQL is running on port ${env.EMBEDDED_PG_PORT ?? 54329} (data in .data/postgres)`);
}

const tsx = (script) => {
  const result = spawnSync(process.execPath, ['--import', 'tsx', script], {
    cwd: root,
    env: { ...env, TSX_TSCONFIG_PATH: join(root, 'tsconfig.base.json') },
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`${script} failed`);
};

const main = join(root, 'dist/apps/api/main.js');
if (!existsSync(main)) {
  console.error('The API is not built: run `npm start` (it builds first) or `npx nx build api`.');
  process.exit(1);
}

try {
  tsx('tools/db/migrate.ts');
  tsx('prisma/seed/seed.ts');
} catch (error) {
  console.error(String(error));
  await embedded?.stop();
  process.exit(1);
}

const api = spawn(process.execPath, [main], { cwd: root, env, stdio: 'inherit' });
const stop = async (code) => {
  await embedded?.stop().catch(() => undefined);
  process.exit(code);
};
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => api.kill(signal));
api.on('exit', (code) => stop(code ?? 0));
