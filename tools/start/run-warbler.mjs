import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Migrates and seeds the database in env.DATABASE_URL, then runs the built API (which
 * serves the built console). Resolves with the API's child process.
 */
export function runWarbler(env, { log, onExit }) {
  assertBuilt();
  for (const script of ['tools/db/migrate.ts', 'prisma/seed/seed.ts']) {
    const result = spawnSync(process.execPath, ['-r', '@swc-node/register', script], {
      cwd: root,
      env: { ...env, SWC_NODE_PROJECT: join(root, 'tsconfig.base.json') },
      stdio: 'inherit',
    });
    if (result.status !== 0) throw new Error(`${script} failed`);
  }
  const api = serveBuiltApi(env, onExit);
  waitUntilReady(`http://127.0.0.1:${env.PORT}/readyz`).then(
    () => log(`ready: open ${env.PUBLIC_URL}`),
    (error) => log(String(error)),
  );
  return api;
}

/**
 * The built API alone, as a deployment runs it (the container's command): with the node flags
 * and environment shipped beside it, passing on the signals it is stopped with.
 */
export function serveBuiltApi(env, onExit) {
  assertBuilt();
  const runtime = shippedRuntime();
  const api = spawn(process.execPath, [...runtime.flags, join(root, 'dist/apps/api/main.js')], {
    cwd: root,
    env: { ...runtime.env, ...env },
    stdio: 'inherit',
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => api.kill(signal));
  api.on('exit', (code) => onExit(code ?? 0));
  return api;
}

function assertBuilt() {
  if (!existsSync(join(root, 'dist/apps/api/main.js'))) {
    throw new Error('The API is not built: run `npm run build` (npm start does it for you).');
  }
}

/** The node flags and environment the built API runs with, shipped beside it (apps/api/src/assets/node-flags.json). */
function shippedRuntime() {
  return JSON.parse(readFileSync(join(root, 'dist/apps/api/assets/node-flags.json'), 'utf8'));
}

async function waitUntilReady(url, timeoutMs = 60_000) {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not become ready in ${timeoutMs / 1000}s`);
}
