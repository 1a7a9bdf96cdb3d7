import { spawn } from 'node:child_process';
import { startBenchServer } from './lib/bench-server';
import { type LatencySummary, runConstantRateLoad } from './lib/constant-rate-load';
import { newBenchTenant } from './lib/bench-tenant';
import { saveResult } from './lib/results';
import { machine, median } from './lib/stats';

/**
 * Quota check latency: GET /v1/quotas at a fixed 1,000 requests/s (an open-model generator in
 * its own process), beside GET /readyz (the same HTTP stack and one database round trip),
 * GET /healthz (no database) and a bare Node.js HTTP server (no framework, no database) at the
 * same rate in the same run: the last two are the floors this machine sets.
 */
const RATE = Number(process.env['BENCH_RATE'] ?? 1000);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 20);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);

const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 16);

/** The least any HTTP answer costs here: Node's own server, one fixed body, nothing else. */
async function startBareHttpServer(port: number): Promise<{ url: string; stop(): void }> {
  const script = `require('node:http').createServer((req, res) => res.end('{"status":"ok"}')).listen(${port})`;
  const child = spawn(process.execPath, ['-e', script], { stdio: 'inherit' });
  const url = `http://127.0.0.1:${port}/`;
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      if ((await fetch(url)).ok) return { url, stop: () => child.kill() };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill();
  throw new Error('the bare HTTP server did not start');
}

const load = (url: string, headers: Record<string, string>) =>
  runConstantRateLoad({ url, headers, rate: RATE, seconds: SECONDS, connections: CONNECTIONS });

async function main() {
  const server = await startBenchServer();
  try {
    const tenant = await newBenchTenant(server.owner, { quotas: true });
    // Some usage, so every quota has a period total to read.
    const events = tenant.metrics.map((metric, index) => ({
      metric: metric.code,
      quantity: '3',
      timestamp: new Date().toISOString(),
      idempotency_key: `warm-${index}`,
      properties: { user_id: 'u-1' },
    }));
    const warm = await fetch(`${server.baseUrl}/v1/usage/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tenant.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ events }),
    });
    if (!warm.ok) throw new Error(`warm-up ingestion failed: ${warm.status} ${await warm.text()}`);
    const auth = { authorization: `Bearer ${tenant.apiKey}` };
    await load(`${server.baseUrl}/v1/quotas`, auth);

    const quota: LatencySummary[] = [];
    const baseline: LatencySummary[] = [];
    const floor: LatencySummary[] = [];
    const bare: LatencySummary[] = [];
    const bareServer = await startBareHttpServer(3299);
    for (let run = 1; run <= RUNS; run++) {
      quota.push(await load(`${server.baseUrl}/v1/quotas`, auth));
      baseline.push(await load(`${server.baseUrl}/readyz`, {}));
      floor.push(await load(`${server.baseUrl}/healthz`, {}));
      bare.push(await load(bareServer.url, {}));
      console.log(
        `run ${run}: p99 /v1/quotas ${quota.at(-1)?.p99} ms, /readyz ${baseline.at(-1)?.p99} ms, ` +
          `/healthz ${floor.at(-1)?.p99} ms, bare Node.js ${bare.at(-1)?.p99} ms`,
      );
    }
    bareServer.stop();
    const row = (name: string, runs: LatencySummary[]) => [
      name,
      String(median(runs.map((r) => r.rps))),
      String(median(runs.map((r) => r.p50))),
      String(median(runs.map((r) => r.p90))),
      String(median(runs.map((r) => r.p99))),
      String(median(runs.map((r) => r.max))),
      String(runs.reduce((sum, r) => sum + r.errors, 0)),
    ];
    const p99 = median(quota.map((r) => r.p99));
    const errors = quota.reduce((sum, r) => sum + r.errors, 0);
    saveResult({
      name: 'quota-check',
      title: 'Quota check latency under load',
      date: new Date().toISOString().slice(0, 10),
      machine: await machine(server.owner),
      method: [
        `${RUNS} runs of ${SECONDS} s at a fixed ${RATE} requests/s against the built API in production mode`,
        '(`bench/quota-check.bench.ts`), from an open-model generator in its own process: one request every',
        `${1000 / RATE} ms over ${CONNECTIONS} keep-alive connections, each timed from the instant it was due, so a`,
        'stall is charged to every request queued behind it. GET /v1/quotas authenticates the API key (cached in',
        'process, kept fresh by PostgreSQL notices) and reads the plan quotas and period totals of four metrics in',
        'one database round trip. Baselines at the same rate in the same run: GET /readyz (the same HTTP stack and',
        'one database round trip through Prisma), GET /healthz (the HTTP stack, no database) and a bare Node.js',
        'HTTP server (no framework): the floors of this machine. Latencies in milliseconds, medians over runs;',
        'generator, API and PostgreSQL share the 2 cores.',
      ].join(' '),
      table: [
        ['endpoint', 'req/s', 'p50', 'p90', 'p99', 'max', 'errors'],
        row('GET /v1/quotas', quota),
        row('GET /readyz (baseline: one database round trip)', baseline),
        row('GET /healthz (floor: no database)', floor),
        row('bare Node.js HTTP server (floor: no framework)', bare),
      ],
      target: `p99 under 5 ms at ${RATE} requests/s, no errors`,
      met: p99 < 5 && errors === 0,
    });
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
