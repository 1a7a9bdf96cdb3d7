import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'pg';
import { prepareTestDatabase } from '../../tools/db/test-database';
import { apiNodeEnv, apiNodeFlags } from './api-node-flags';

export const root = join(__dirname, '../..');

export interface BenchServer {
  baseUrl: string;
  /** Owner connection to the bench database, for setup and baselines. */
  owner: Pool;
  databaseUrl: string;
  /** The API's process id, to read its memory and CPU time. */
  pid: number;
  stop(): Promise<void>;
}

/**
 * The built API (`npm run build`) in production mode on a fresh `warbler_bench` database:
 * benchmarks measure what a deployment runs, through HTTP, never an in-process shortcut.
 */
export async function startBenchServer(
  port = 3200,
  nodeFlags = apiNodeFlags(root),
  nodeEnv = apiNodeEnv(root),
): Promise<BenchServer> {
  const main = join(root, 'dist/apps/api/main.js');
  if (!existsSync(main)) throw new Error('Build the API first: npm run build');
  process.env['TEST_DATABASE_NAME'] = 'warbler_bench';
  const databaseUrl = await prepareTestDatabase({ reset: true });
  // e.g. BENCH_API_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the API under load.
  const nodeArgs = (process.env['BENCH_API_NODE_ARGS'] ?? '').split(' ').filter(Boolean);
  const api: ChildProcess = spawn(process.execPath, [...nodeFlags, ...nodeArgs, main], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      ...nodeEnv,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      JWT_SECRET: 'bench-secret-that-is-long-enough-for-production',
      LOG_LEVEL: 'warn',
      JOBS_ENABLED: 'false',
    },
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitUntilReady(`${baseUrl}/readyz`);
  const owner = new Pool({ connectionString: databaseUrl, max: 4 });
  return {
    baseUrl,
    owner,
    databaseUrl,
    pid: api.pid as number,
    async stop() {
      await owner.end();
      api.kill('SIGTERM');
      await new Promise((resolve) => api.once('exit', resolve));
    },
  };
}

async function waitUntilReady(url: string, timeoutMs = 60_000): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} was not ready after ${timeoutMs / 1000}s`);
}
