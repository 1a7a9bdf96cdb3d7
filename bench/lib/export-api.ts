import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { Client } from 'pg';
import { AccessTokens } from '@warbler/api/access';
import { loadConfig } from '@warbler/api/core';
import { apiNodeEnv, apiNodeFlags } from './api-node-flags';

const root = join(__dirname, '../..');
const JWT_SECRET = 'bench-secret-that-is-long-enough-for-production';

export interface ExportApi {
  baseUrl: string;
  pid: number;
  /** A signed-in FINANCE staff member's bearer token. */
  token: string;
  stop(): Promise<void>;
}

/**
 * The built API in production mode on the bench's copy of the data set, and a finance account to
 * call it with (a session row and a token signed with the API's secret, as sign-in would issue).
 */
export async function startExportApi(databaseUrl: string, port: number): Promise<ExportApi> {
  const main = join(root, 'dist/apps/api/main.js');
  if (!existsSync(main)) throw new Error('Build the API first: npm run build');
  const owner = new Client({ connectionString: databaseUrl });
  await owner.connect();
  const userId = randomUUID();
  const sessionId = randomUUID();
  try {
    await owner.query(
      `INSERT INTO users (id, email, display_name, password_hash, staff_role, mfa_enabled_at)
       VALUES ($1, $2, 'Bench finance', 'not-a-password', 'FINANCE', now())`,
      [userId, `bench-finance-${userId}@warbler.test`],
    );
    await owner.query(
      `INSERT INTO sessions (id, user_id, expires_at, mfa_passed) VALUES ($1, $2, now() + interval '1 day', true)`,
      [sessionId, userId],
    );
  } finally {
    await owner.end();
  }
  const env = { ...process.env, NODE_ENV: 'production', DATABASE_URL: databaseUrl, JWT_SECRET };
  const { token } = new AccessTokens(loadConfig(env)).sign({
    sub: userId,
    sid: sessionId,
    email: `bench-finance-${userId}@warbler.test`,
    staff: 'FINANCE',
    mfa: true,
  });
  const api: ChildProcess = spawn(process.execPath, [...apiNodeFlags(root), main], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...env, ...apiNodeEnv(root), PORT: String(port), LOG_LEVEL: 'warn', JOBS_ENABLED: 'false' },
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitUntilReady(`${baseUrl}/readyz`);
  return {
    baseUrl,
    pid: api.pid as number,
    token,
    async stop() {
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

/** The resident set of a process, in bytes: now (VmRSS) and the most it has had (VmHWM). */
export function residentSet(pid: number): { now: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
  return { now: kib('VmRSS'), peak: kib('VmHWM') };
}

export interface Download {
  ms: number;
  rows: number;
  bytes: number;
  /** The resident set of the API process when the request went out. */
  startRss: number;
  /** The largest resident set of the API process sampled while the export ran. */
  peakRss: number;
}

/** GETs the export as a client would, counting rows and bytes as they arrive, sampling the API's memory. */
export function downloadExport(api: ExportApi, path: string): Promise<Download> {
  return new Promise((resolve, reject) => {
    const startRss = residentSet(api.pid).now;
    let peakRss = startRss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, residentSet(api.pid).now);
    }, 50);
    const started = process.hrtime.bigint();
    let lines = 0;
    let bytes = 0;
    const req = request(`${api.baseUrl}${path}`, { headers: { authorization: `Bearer ${api.token}` } }, (res) => {
      if (res.statusCode !== 200) {
        clearInterval(sampler);
        reject(new Error(`HTTP ${res.statusCode}`));
        res.resume();
        return;
      }
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines += 1;
      });
      res.on('end', () => {
        clearInterval(sampler);
        peakRss = Math.max(peakRss, residentSet(api.pid).now);
        resolve({ ms: Number(process.hrtime.bigint() - started) / 1e6, rows: lines - 1, bytes, startRss, peakRss });
      });
      res.on('error', reject);
    });
    req.on('error', (error) => {
      clearInterval(sampler);
      reject(error);
    });
    req.end();
  });
}
