import autocannon from 'autocannon';
import { startBenchServer } from './lib/bench-server';
import { newBenchTenant } from './lib/bench-tenant';
import { saveResult } from './lib/results';
import { machine, median } from './lib/stats';

/**
 * Quota check latency: GET /v1/quotas at a fixed 1,000 requests/s (autocannon in its own
 * process's event loop, open model), beside GET /readyz (the same HTTP stack and one
 * database round trip) and GET /healthz (no database) at the same rate in the same run.
 */
const RATE = Number(process.env['BENCH_RATE'] ?? 1000);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 20);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);

interface Latency {
  p50: number;
  p90: number;
  p99: number;
  max: number;
  rps: number;
  errors: number;
}

async function load(url: string, headers: Record<string, string>): Promise<Latency> {
  const result = await autocannon({ url, headers, connections: 32, overallRate: RATE, duration: SECONDS });
  return {
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    rps: result.requests.average,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

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

    const quota: Latency[] = [];
    const baseline: Latency[] = [];
    const floor: Latency[] = [];
    for (let run = 1; run <= RUNS; run++) {
      quota.push(await load(`${server.baseUrl}/v1/quotas`, auth));
      baseline.push(await load(`${server.baseUrl}/readyz`, {}));
      floor.push(await load(`${server.baseUrl}/healthz`, {}));
      console.log(
        `run ${run}: p99 /v1/quotas ${quota.at(-1)?.p99} ms, /readyz ${baseline.at(-1)?.p99} ms, /healthz ${floor.at(-1)?.p99} ms`,
      );
    }
    const row = (name: string, runs: Latency[]) => [
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
        `${RUNS} runs of ${SECONDS} s at a fixed ${RATE} requests/s (autocannon, 32 connections) against the built API in`,
        'production mode (`bench/quota-check.bench.ts`). GET /v1/quotas authenticates the API key, then reads the',
        "tenant's plan quotas and period totals for four metrics (two database round trips). Baselines at the same",
        'rate in the same run: GET /readyz (same HTTP stack, one database round trip) and GET /healthz (no',
        'database: the floor of the HTTP stack on this machine). Latencies in milliseconds, medians over runs;',
        'client, API and PostgreSQL share the machine.',
      ].join(' '),
      table: [
        ['endpoint', 'req/s', 'p50', 'p90', 'p99', 'max', 'errors'],
        row('GET /v1/quotas', quota),
        row('GET /readyz (baseline: one database round trip)', baseline),
        row('GET /healthz (floor: no database)', floor),
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
