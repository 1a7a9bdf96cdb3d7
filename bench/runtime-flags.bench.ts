import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { AccessTokens } from '@warbler/api/access';
import { loadConfig } from '@warbler/api/core';
import { apiNodeEnv, apiNodeFlags } from './lib/api-node-flags';
import { type BenchServer, root, startBenchServer } from './lib/bench-server';
import { newBenchTenant } from './lib/bench-tenant';
import { ingest, makeEvents } from './lib/ingestion-load';
import { residentSet } from './lib/export-api';
import { saveResult } from './lib/results';
import { machine, median } from './lib/stats';

/**
 * What the API's shipped runtime flags cost and save: the built API started with them
 * (apps/api/src/assets/node-flags.json) and with node's defaults, one after the other in each run, under the same GraphQL and ingestion load.
 * Memory is the resident set; throughput is measured closed-loop and, less sensitive to whatever
 * else the machine does, as the API's own CPU time per request.
 */
const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
const GRAPHQL_REQUESTS = Number(process.env['BENCH_GRAPHQL_REQUESTS'] ?? 3_000);
const EVENTS = Number(process.env['BENCH_EVENTS'] ?? 100_000);
const CONCURRENCY = 4;
const MB = 1024 * 1024;
const JWT_SECRET = 'bench-secret-that-is-long-enough-for-production';

/** A tenant console's everyday reads: who is in the tenant, the plan, usage against quotas, invoices. */
const QUERIES = [
  '{ members { id role seatAssigned joinedAt user { id email displayName } } }',
  '{ currentSubscription { id seatQuantity currentPeriodStart currentPeriodEnd } }',
  '{ usageOverview { periodStart metrics { metricCode used daily { date value cumulative } quota { limit used status } } } }',
  '{ invoices(first: 10) { edges { node { id status totalMinor } } } }',
];

interface Measurement {
  idleRss: number;
  graphqlPerSecond: number;
  graphqlCpuMs: number;
  eventsPerSecond: number;
  ingestionCpuMsPer1000: number;
  peakRss: number;
}

/** User plus system CPU time of a process so far, in milliseconds (clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** An owner of `tenantId`, signed in as the console would be. */
async function signedInOwner(server: BenchServer, tenantId: string): Promise<string> {
  const userId = randomUUID();
  const sessionId = randomUUID();
  const email = `bench-owner-${userId}@warbler.test`;
  await server.owner.query(
    `INSERT INTO users (id, email, display_name, password_hash) VALUES ($1, $2, 'Bench owner', 'not-a-password')`,
    [userId, email],
  );
  await server.owner.query(
    `INSERT INTO memberships (tenant_id, id, user_id, role, seat_assigned) VALUES ($1, $2, $3, 'OWNER', true)`,
    [tenantId, randomUUID(), userId],
  );
  await server.owner.query(
    `INSERT INTO sessions (id, user_id, expires_at, mfa_passed) VALUES ($1, $2, now() + interval '1 day', true)`,
    [sessionId, userId],
  );
  const config = loadConfig({ ...process.env, NODE_ENV: 'production', DATABASE_URL: server.databaseUrl, JWT_SECRET });
  return new AccessTokens(config).sign({ sub: userId, sid: sessionId, email, staff: null, mfa: true }).token;
}

async function graphqlLoad(server: BenchServer, token: string, tenantId: string, requests: number): Promise<number> {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-tenant-id': tenantId };
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < requests) {
        const query = QUERIES[next++ % QUERIES.length];
        const response = await fetch(`${server.baseUrl}/graphql`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ query }),
        });
        const body = (await response.json()) as { errors?: unknown[] };
        if (body.errors) throw new Error(`${query}: ${JSON.stringify(body.errors).slice(0, 300)}`);
      }
    }),
  );
  return requests / ((performance.now() - started) / 1000);
}

async function measure(nodeFlags: string[], nodeEnv: Record<string, string>): Promise<Measurement> {
  const server = await startBenchServer(3204, nodeFlags, nodeEnv);
  try {
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const idleRss = residentSet(server.pid).now;
    const tenant = await newBenchTenant(server.owner, { quotas: true });
    const token = await signedInOwner(server, tenant.tenantId);
    // Every query shape compiled once and cached before anything is timed.
    await graphqlLoad(server, token, tenant.tenantId, 200);
    const graphqlCpu = cpuMs(server.pid);
    const graphqlPerSecond = await graphqlLoad(server, token, tenant.tenantId, GRAPHQL_REQUESTS);
    const graphqlCpuMs = (cpuMs(server.pid) - graphqlCpu) / GRAPHQL_REQUESTS;

    const tenants = await Promise.all(
      Array.from({ length: CONCURRENCY }, () => newBenchTenant(server.owner, { quotas: true })),
    );
    await ingest(server.baseUrl, tenants, makeEvents(5_000, tenant.metrics), CONCURRENCY);
    const ingestionCpu = cpuMs(server.pid);
    const eventsPerSecond = await ingest(server.baseUrl, tenants, makeEvents(EVENTS, tenant.metrics), CONCURRENCY);
    const ingestionCpuMsPer1000 = ((cpuMs(server.pid) - ingestionCpu) / EVENTS) * 1000;
    return {
      idleRss,
      graphqlPerSecond,
      graphqlCpuMs,
      eventsPerSecond,
      ingestionCpuMsPer1000,
      peakRss: residentSet(server.pid).peak,
    };
  } finally {
    await server.stop();
  }
}

async function main() {
  const shipped = apiNodeFlags(root);
  const shippedEnv = apiNodeEnv(root);
  const configs = [
    { name: 'shipped flags', flags: shipped, env: shippedEnv },
    { name: 'node defaults', flags: [], env: {} },
  ];
  const results = new Map<string, Measurement[]>(configs.map((config) => [config.name, []]));
  for (let run = 1; run <= RUNS; run++) {
    for (const config of configs) {
      const measurement = await measure(config.flags, config.env);
      results.get(config.name)?.push(measurement);
      console.log(
        `run ${run}, ${config.name}: idle ${(measurement.idleRss / MB).toFixed(0)} MB, peak ${(measurement.peakRss / MB).toFixed(0)} MB, ` +
          `GraphQL ${measurement.graphqlPerSecond.toFixed(0)}/s ${measurement.graphqlCpuMs.toFixed(2)} ms CPU, ` +
          `ingestion ${measurement.eventsPerSecond.toFixed(0)} events/s ${measurement.ingestionCpuMsPer1000.toFixed(0)} ms CPU/1000`,
      );
    }
  }
  const server = await startBenchServer(3204);
  const host = await machine(server.owner).finally(() => server.stop());

  const figure = (name: string, pick: (m: Measurement) => number) => median((results.get(name) ?? []).map(pick));
  const [withFlags, defaults] = configs.map((config) => config.name);
  const rows: [string, (m: Measurement) => number, (value: number) => string][] = [
    ['API resident set when idle (MB)', (m) => m.idleRss, (v) => (v / MB).toFixed(0)],
    ['API highest resident set (MB)', (m) => m.peakRss, (v) => (v / MB).toFixed(0)],
    ['GraphQL requests/s', (m) => m.graphqlPerSecond, (v) => v.toFixed(0)],
    ['GraphQL: API CPU per request (ms)', (m) => m.graphqlCpuMs, (v) => v.toFixed(2)],
    ['ingestion events/s', (m) => m.eventsPerSecond, (v) => v.toFixed(0)],
    ['ingestion: API CPU per 1,000 events (ms)', (m) => m.ingestionCpuMsPer1000, (v) => v.toFixed(0)],
  ];
  const table = [
    ['figure', 'shipped flags (median)', 'runs', 'node defaults (median)', 'runs', 'shipped / defaults'],
    ...rows.map(([label, pick, format]) => [
      label,
      format(figure(withFlags, pick)),
      (results.get(withFlags) ?? []).map((m) => format(pick(m))).join(', '),
      format(figure(defaults, pick)),
      (results.get(defaults) ?? []).map((m) => format(pick(m))).join(', '),
      (figure(withFlags, pick) / figure(defaults, pick)).toFixed(2),
    ]),
  ];
  const throughputRatio = Math.min(
    figure(withFlags, (m) => m.graphqlPerSecond) / figure(defaults, (m) => m.graphqlPerSecond),
    figure(withFlags, (m) => m.eventsPerSecond) / figure(defaults, (m) => m.eventsPerSecond),
  );
  saveResult({
    name: 'runtime-flags',
    title: "The API's runtime flags: memory saved, throughput paid",
    date: new Date().toISOString().slice(0, 10),
    machine: host,
    method: [
      `${RUNS} runs; each starts the built API in production mode on a fresh database twice, once with the flags`,
      `every launcher gives it (${[...shipped, ...Object.entries(shippedEnv).map(([name, value]) => `${name}=${value}`)].join(' ')},`,
      'apps/api/src/assets/node-flags.json) and once with node’s and glibc’s defaults. Idle: 3 s after /readyz.',
      `GraphQL: ${GRAPHQL_REQUESTS.toLocaleString('en')} tenant-console reads (members, subscription, usage overview,`,
      `invoices in turn) from ${CONCURRENCY} closed-loop clients, after 200 warm-up requests. Ingestion:`,
      `${EVENTS.toLocaleString('en')} events in batches of 1,000 from ${CONCURRENCY} clients for ${CONCURRENCY} tenants`,
      '(`bench/lib/ingestion-load.ts`, as in the ingestion benchmark). CPU per request is the API process’s user',
      'plus system time (/proc/<pid>/stat) over the load. Bench, API and PostgreSQL share the machine',
      '(`npm run bench:runtime-flags`).',
    ].join(' '),
    table,
    target: 'the shipped flags save memory for at most 5% of throughput',
    met: figure(withFlags, (m) => m.idleRss) < figure(defaults, (m) => m.idleRss) && throughputRatio >= 0.95,
  });
  console.log(`throughput ratio (worst of GraphQL and ingestion): ${throughputRatio.toFixed(2)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
