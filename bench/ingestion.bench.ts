import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { startBenchServer } from './lib/bench-server';
import { type BenchTenant, newBenchTenant } from './lib/bench-tenant';
import { BATCH, type Event, ingest, makeEvents } from './lib/ingestion-load';
import { saveResult } from './lib/results';
import { machine, median } from './lib/stats';

/**
 * Ingestion throughput: events/s through POST /v1/usage/events (API key, validation,
 * exactly-once keys, hourly rollups, period totals and quota checks all on), beside a bare
 * COPY of the same rows into usage_events in the same run.
 */
const EVENTS_PER_RUN = Number(process.env['BENCH_EVENTS'] ?? 200_000);
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 4);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 5);
/** Scenarios: how many tenants the clients post for at once. */
const TENANT_COUNTS = (process.env['BENCH_TENANTS'] ?? '1,4').split(',').map(Number);

/** The same rows, as ingestion would store them, through COPY: PostgreSQL's own fast path. */
async function copyBaseline(owner: import('pg').Pool, tenant: BenchTenant, events: Event[]): Promise<number> {
  const metricIds = new Map(tenant.metrics.map((metric) => [metric.code, metric.id]));
  const lines = events.map(
    (event) =>
      [
        tenant.tenantId,
        event.timestamp,
        event.idempotency_key,
        metricIds.get(event.metric),
        event.quantity,
        new Date().toISOString(),
        JSON.stringify(event.properties).replace(/\\/g, '\\\\'),
        tenant.apiKeyId,
        'f',
      ].join('\t') + '\n',
  );
  const client = await owner.connect();
  try {
    const started = process.hrtime.bigint();
    await pipeline(
      Readable.from(lines),
      client.query(
        copyFrom(
          'COPY usage_events (tenant_id, occurred_at, idempotency_key, metric_id, quantity, received_at, properties, api_key_id, over_quota) FROM STDIN',
        ),
      ),
    );
    return events.length / (Number(process.hrtime.bigint() - started) / 1e9);
  } finally {
    client.release();
  }
}

interface Scenario {
  tenants: number;
  rates: number[];
  copyRates: number[];
}

/** Each run measures every scenario and its COPY baseline back to back, so they share the machine's noise. */
async function main() {
  const server = await startBenchServer();
  try {
    const scenarios: Scenario[] = TENANT_COUNTS.map((tenants) => ({ tenants, rates: [], copyRates: [] }));
    for (let run = 1; run <= RUNS; run++) {
      for (const scenario of scenarios) {
        const tenants = await Promise.all(
          Array.from({ length: scenario.tenants }, () => newBenchTenant(server.owner, { quotas: true })),
        );
        const events = makeEvents(EVENTS_PER_RUN, tenants[0].metrics);
        scenario.rates.push(await ingest(server.baseUrl, tenants, events, CONCURRENCY));
        const copyTenant = await newBenchTenant(server.owner, { quotas: false });
        scenario.copyRates.push(await copyBaseline(server.owner, copyTenant, events));
        console.log(
          `run ${run}, ${scenario.tenants} tenant(s): ingestion ${scenario.rates.at(-1)?.toFixed(0)} events/s, ` +
            `COPY ${scenario.copyRates.at(-1)?.toFixed(0)} rows/s`,
        );
      }
    }
    const figures = scenarios.map((scenario) => {
      const rate = median(scenario.rates);
      const copyRate = median(scenario.copyRates);
      return { ...scenario, rate, copyRate, ratio: rate / copyRate };
    });
    const runs = (values: number[]) => values.map((value) => value.toFixed(0)).join(', ');
    saveResult({
      name: 'ingestion',
      title: 'Usage ingestion throughput',
      date: new Date().toISOString().slice(0, 10),
      machine: await machine(server.owner),
      method: [
        `${RUNS} runs of ${EVENTS_PER_RUN.toLocaleString('en')} events per scenario, posted as batches of ${BATCH} by`,
        `${CONCURRENCY} keep-alive clients to the built API in production mode (\`bench/ingestion.bench.ts\`), either all`,
        'for one tenant or spread over several tenants (client i posts for tenant i). Every event has a new',
        'idempotency key; the mix is 70% COUNT, 10% SUM, 10% UNIQUE_COUNT, 10% MAX, all four with HARD quotas, so',
        'exactly-once keys, hourly rollups, period totals, unique values and quota locks are all exercised; the',
        "batches of one tenant queue on its period totals' locks. Baseline: `COPY ... FROM STDIN` of the same rows",
        'into usage_events by the table owner, right after each measurement. Client, API and PostgreSQL share the',
        'machine.',
      ].join(' '),
      table: [
        ['scenario', 'ingestion (events/s, median)', 'runs', 'COPY (rows/s, median)', 'runs', 'ingestion / COPY'],
        ...figures.map((figure) => [
          figure.tenants === 1 ? 'one tenant' : `${figure.tenants} tenants`,
          figure.rate.toFixed(0),
          runs(figure.rates),
          figure.copyRate.toFixed(0),
          runs(figure.copyRates),
          figure.ratio.toFixed(2),
        ]),
      ],
      target: 'at least 20,000 events/s and at least half the rate of COPY',
      met: figures.every((figure) => figure.rate >= 20_000 && figure.ratio >= 0.5),
    });
    for (const figure of figures) {
      console.log(
        `${figure.tenants} tenant(s): median ${figure.rate.toFixed(0)} events/s; COPY ${figure.copyRate.toFixed(0)} rows/s; ratio ${figure.ratio.toFixed(2)}`,
      );
    }
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
