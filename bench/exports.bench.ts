import { loadavg } from 'node:os';
import { Client, Pool } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { csvStatement, usageExportQuery } from '@warbler/api/exports';
import { BenchDatabases } from './lib/bench-database';
import { type Download, downloadExport, residentSet, startExportApi } from './lib/export-api';
import { type ExportDataset, ensureExportDataset } from './lib/export-dataset';
import { saveResult } from './lib/results';
import { machine, median } from './lib/stats';

/**
 * Usage export: 10 million hourly rollup rows of every tenant as CSV through
 * GET /v1/exports/usage (the built API in production mode, FINANCE, streamed from PostgreSQL with
 * COPY), beside PostgreSQL's own `COPY (the same SELECT) TO STDOUT` read by this process.
 */
const FULL_SIZE = 10_000_000;
const ROWS = Number(process.env['BENCH_EXPORT_ROWS'] ?? FULL_SIZE);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
const PORT = Number(process.env['BENCH_PORT'] ?? 3203);
const DATASET = `warbler_bench_exports_${ROWS}r`;
const RUN_DATABASE = 'warbler_bench_exports';
const MB = 1024 * 1024;

interface Run {
  load: number;
  api: Download;
  copy: { ms: number; rows: number; bytes: number };
}

/** PostgreSQL alone: the API's statement, COPY'd by the owner and read here without keeping anything. */
async function copyBaseline(url: string, dataset: ExportDataset): Promise<Run['copy']> {
  const statement = csvStatement(
    usageExportQuery({
      from: dataset.from.toISOString(),
      to: dataset.to.toISOString(),
      billingPeriodStart: null,
      tenantIds: null,
      metrics: null,
      metricIds: null,
      granularity: 'HOUR',
    }),
  );
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const started = process.hrtime.bigint();
    const stream = client.query(copyTo(statement));
    let bytes = 0;
    for await (const chunk of stream) bytes += (chunk as Buffer).length;
    return { ms: Number(process.hrtime.bigint() - started) / 1e6, rows: Number(stream.rowCount), bytes };
  } finally {
    await client.end();
  }
}

async function main() {
  const serverUrl =
    process.env['WARBLER_TEST_SERVER_URL'] ??
    process.env['DATABASE_URL'] ??
    'postgresql://postgres@127.0.0.1:5432/postgres';
  process.env['WARBLER_TEST_SERVER_URL'] = serverUrl;
  const databases = new BenchDatabases(serverUrl);
  const dataset = await ensureExportDataset(databases, DATASET, ROWS);
  // The API writes (a staff session, audit rows): it runs on a copy, so the data set stays as loaded.
  const url = await databases.copy(DATASET, RUN_DATABASE);
  const api = await startExportApi(url, PORT);
  const path = `/v1/exports/usage?${new URLSearchParams({
    from: dataset.from.toISOString(),
    to: dataset.to.toISOString(),
    granularity: 'HOUR',
    format: 'csv',
  })}`;
  const runs: Run[] = [];
  let host: Record<string, string | number> = {};
  let startupRss = 0;
  let peakRss = 0;
  try {
    startupRss = residentSet(api.pid).now;
    const owner = new Pool({ connectionString: url, max: 1 });
    try {
      // Both measurements read from a warm cache.
      await owner.query('SELECT count(*) FROM usage_hourly_rollups');
      host = await machine(owner);
    } finally {
      await owner.end();
    }
    for (let index = 1; index <= RUNS; index++) {
      const [load] = loadavg();
      const copy = await copyBaseline(url, dataset);
      const download = await downloadExport(api, path);
      if (download.rows !== dataset.rows || copy.rows !== dataset.rows) {
        throw new Error(`expected ${dataset.rows} rows, the API sent ${download.rows} and COPY ${copy.rows}`);
      }
      if (download.bytes !== copy.bytes) throw new Error(`the API sent ${download.bytes} bytes, COPY ${copy.bytes}`);
      runs.push({ load, api: download, copy });
      console.log(
        `run ${index}: API ${(download.ms / 1000).toFixed(1)} s (${Math.round(download.rows / (download.ms / 1000))} rows/s, ` +
          `peak RSS ${(download.peakRss / MB).toFixed(0)} MB, +${((download.peakRss - download.startRss) / MB).toFixed(0)} MB); COPY ${(copy.ms / 1000).toFixed(1)} s ` +
          `(${Math.round(copy.rows / (copy.ms / 1000))} rows/s); ${(download.bytes / MB).toFixed(0)} MB`,
      );
    }
    peakRss = residentSet(api.pid).peak;
  } finally {
    await api.stop();
    await databases.drop(RUN_DATABASE);
  }

  const rate = (ms: number, rows: number) => rows / (ms / 1000);
  const apiRate = (run: Run) => rate(run.api.ms, run.api.rows);
  const copyRate = (run: Run) => rate(run.copy.ms, run.copy.rows);
  const row = (name: string, pick: (run: Run) => number, format: (value: number) => string) => [
    name,
    format(median(runs.map(pick))),
    runs.map((run) => format(pick(run))).join(', '),
  ];
  const count = (value: number) => Math.round(value).toLocaleString('en');
  const mb = (bytes: number) => (bytes / MB).toFixed(0);
  const medianRate = median(runs.map(apiRate));
  const maxRss = Math.max(...runs.map((run) => run.api.peakRss));
  const result = {
    name: 'exports',
    title: 'Exporting usage as CSV',
    date: new Date().toISOString().slice(0, 10),
    machine: host,
    method: [
      `${RUNS} runs on one data set: ${count(dataset.rows)} rows of usage_hourly_rollups (${count(dataset.tenants)}`,
      'tenants × 5 metrics, one of each aggregation × 2,000 hours over three billing periods), loaded once by the',
      'owner and kept in its own database (`bench/lib/export-dataset.ts`), measured on a copy. Measured: one',
      '`GET /v1/exports/usage?granularity=HOUR&format=csv` of every row by a FINANCE account, against the built',
      'API in production mode (`bench/exports.bench.ts`, `npm run bench:exports`), from the request to the last',
      'byte read by the client; the API streams `COPY (SELECT …) TO STDOUT` of warbler_platform through',
      'pg-copy-streams to the response with backpressure. Peak RSS: the API process’s resident set sampled every',
      '50 ms during the export (/proc/<pid>/status VmRSS), and its growth over the resident set when the request',
      'went out (the idle API’s own size is not the export’s). Baseline, same run, warm cache: the same statement',
      'as `COPY … TO STDOUT` by the owner, read by the bench process and thrown away; both must yield the same',
      'rows and bytes. Bench, API and PostgreSQL share the machine.',
    ].join(' '),
    table: [
      ['figure', 'median', 'runs'],
      row('API: rows/s', apiRate, count),
      row(
        'API: wall time (s)',
        (run) => run.api.ms,
        (ms) => (ms / 1000).toFixed(1),
      ),
      row('API: peak RSS during the export (MB)', (run) => run.api.peakRss, mb),
      row('API: RSS growth during the export (MB)', (run) => run.api.peakRss - run.api.startRss, mb),
      row('COPY TO STDOUT: rows/s', copyRate, count),
      row(
        'COPY TO STDOUT: wall time (s)',
        (run) => run.copy.ms,
        (ms) => (ms / 1000).toFixed(1),
      ),
      row(
        'API / COPY (rate)',
        (run) => apiRate(run) / copyRate(run),
        (value) => value.toFixed(2),
      ),
      row('file size (MB)', (run) => run.api.bytes, mb),
      row(
        'load average (1 min) before the run',
        (run) => run.load,
        (value) => value.toFixed(1),
      ),
      ['API: RSS after start-up / highest ever (MB)', `${mb(startupRss)} / ${mb(peakRss)}`, ''],
    ],
    target: 'at least 200,000 rows/s with a peak RSS of the API under 200 MB',
    met: medianRate >= 200_000 && maxRss < 200 * MB,
  };
  if (ROWS === FULL_SIZE || process.env['BENCH_SAVE'] === '1') {
    saveResult(result);
  } else {
    console.log(`not saved: ${count(dataset.rows)} rows is a trial size (BENCH_SAVE=1 saves it anyway)`);
  }
  console.log(
    `median ${count(medianRate)} rows/s, peak RSS ${mb(maxRss)} MB: target ${result.met ? 'met' : 'not met'}`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
