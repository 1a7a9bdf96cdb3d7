import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { BenchDatabases } from './lib/bench-database';
import { type BaselineClose, baselineClose } from './lib/close-baseline';
import { ensureCloseDataset } from './lib/close-dataset';
import { type ApiClose, closeThroughTheApi } from './lib/close-through-api';
import type { ProfileShare } from './lib/cpu-profile';
import { saveResult } from './lib/results';
import { type ServerTime, serverTime, waitForSessionsToEnd } from './lib/server-time';
import type { StatementTotals } from './lib/statement-clock';
import { statementShape } from './lib/statement-shape';
import { machine, median } from './lib/stats';

/**
 * Period close: the job the API runs every minute (SubscriptionPeriods#rollOverdue, with billing's
 * invoice drafting as its period-end handler) closing the just-ended period of 10,000 tenants whose
 * 10 million usage events are stored with their keys, hourly rollups, period totals and unique
 * values. Beside it, in the same run, the floor: the same reads and writes set-based by PostgreSQL.
 */
const TENANTS = Number(process.env['BENCH_CLOSE_TENANTS'] ?? 10_000);
const EVENTS = Number(process.env['BENCH_CLOSE_EVENTS'] ?? 10_000_000);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
/** e.g. BENCH_CPU_PROFILE_DIR=/tmp/prof: a V8 profile of each measured close, and where its time went. */
const PROFILE_DIR = process.env['BENCH_CPU_PROFILE_DIR'];
/** Each size of data set is kept in a database of its own, so that trying a small one keeps the large one. */
const DATASET = `warbler_bench_close_${TENANTS}t_${EVENTS}e`;
const RUN_DATABASE = 'warbler_bench_close';
const TOP_STATEMENTS = 15;

interface Run {
  /** The machine's 1-minute load average just before the close: other work on it shows here. */
  load: number;
  close: ApiClose;
  baseline: BaselineClose;
  server: ServerTime;
  invoices: number;
  lines: number;
}

/** The tables a period close reads or writes. */
const CLOSE_TABLES = [
  'subscriptions',
  'subscription_changes',
  'plans',
  'plan_versions',
  'plan_charges',
  'plan_quotas',
  'billable_metrics',
  'tenants',
  'memberships',
  'usage_period_totals',
  'invoices',
  'invoice_lines',
];

/** Brings the tables of the close into memory, so that neither measurement pays for a cold cache. */
async function warm(owner: Pool): Promise<void> {
  for (const table of CLOSE_TABLES) await owner.query(`SELECT count(*) FROM ${table}`);
}

async function drafted(url: string, periodEnd: Date): Promise<{ invoices: number; lines: number }> {
  const owner = new Pool({ connectionString: url, max: 1 });
  try {
    const { rows } = await owner.query<{ invoices: string; lines: string; due: string }>(
      `SELECT (SELECT count(*) FROM invoices WHERE period_end = $1) AS invoices,
              (SELECT count(*) FROM invoice_lines l JOIN invoices i ON (i.tenant_id, i.id) = (l.tenant_id, l.invoice_id)
               WHERE i.period_end = $1) AS lines,
              (SELECT count(*) FROM subscriptions WHERE current_period_end <= $1) AS due`,
      [periodEnd],
    );
    if (rows[0].due !== '0') throw new Error(`${rows[0].due} subscriptions were not moved on`);
    return { invoices: Number(rows[0].invoices), lines: Number(rows[0].lines) };
  } finally {
    await owner.end();
  }
}

async function measureRun(
  databases: BenchDatabases,
  periodEnd: Date,
  index: number,
): Promise<{ run: Run; machine: Record<string, string | number> }> {
  const url = await databases.copy(DATASET, RUN_DATABASE);
  const owner = new Pool({ connectionString: url, max: 2 });
  const now = new Date();
  let baseline: BaselineClose;
  let host: Record<string, string | number>;
  try {
    await warm(owner);
    baseline = await baselineClose(owner, now);
    host = await machine(owner);
  } finally {
    await owner.end();
  }
  await waitForSessionsToEnd(url);
  const before = await serverTime(url);
  const profileFile = PROFILE_DIR ? join(PROFILE_DIR, `period-close-run${index}.cpuprofile`) : undefined;
  const [load] = loadavg();
  const close = await closeThroughTheApi(url, now, profileFile);
  await waitForSessionsToEnd(url);
  const after = await serverTime(url);
  const counts = await drafted(url, periodEnd);
  if (close.rolled !== TENANTS || counts.invoices !== TENANTS) {
    throw new Error(`expected ${TENANTS} periods closed, got ${close.rolled} rolled and ${counts.invoices} invoices`);
  }
  const server = {
    activeMs: after.activeMs - before.activeMs,
    idleInTransactionMs: after.idleInTransactionMs - before.idleInTransactionMs,
    commits: after.commits - before.commits,
  };
  return { run: { load, close, baseline, server, ...counts }, machine: host };
}

const seconds = (ms: number) => (ms / 1000).toFixed(1);

function byShape(bySql: Map<string, StatementTotals>): Map<string, StatementTotals> {
  const shapes = new Map<string, StatementTotals>();
  for (const [sql, totals] of bySql) {
    const shape = statementShape(sql);
    const sum = shapes.get(shape) ?? { count: 0, ms: 0 };
    shapes.set(shape, { count: sum.count + totals.count, ms: sum.ms + totals.ms });
  }
  return shapes;
}

function printProfile(profile: ProfileShare[]): void {
  console.log('  where the sampled time went:');
  for (const share of profile.slice(0, 15)) console.log(`    ${seconds(share.ms).padStart(6)} s  ${share.where}`);
}

function statementTable(run: Run): string[][] {
  const shapes = byShape(run.close.statements.bySql);
  const allMs = [...shapes.values()].reduce((sum, totals) => sum + totals.ms, 0);
  const rows = [...shapes]
    .sort(([, a], [, b]) => b.ms - a.ms)
    .slice(0, TOP_STATEMENTS)
    .map(([shape, totals]) => [
      `\`${shape.replace(/\|/g, '\\|')}\``,
      totals.count.toLocaleString('en'),
      (totals.ms / totals.count).toFixed(3),
      seconds(totals.ms),
      `${((100 * totals.ms) / allMs).toFixed(0)} %`,
    ]);
  return [['statement', 'times', 'mean round trip (ms)', 'total (s)', 'share'], ...rows];
}

async function main() {
  const serverUrl =
    process.env['WARBLER_TEST_SERVER_URL'] ??
    process.env['DATABASE_URL'] ??
    'postgresql://postgres@127.0.0.1:5432/postgres';
  // The API reads DATABASE_URL; the database tools keep to the server named here.
  process.env['WARBLER_TEST_SERVER_URL'] = serverUrl;
  const databases = new BenchDatabases(serverUrl);
  const period = await ensureCloseDataset(databases, DATASET, { tenants: TENANTS, events: EVENTS });

  const runs: Run[] = [];
  let host: Record<string, string | number> = {};
  try {
    for (let index = 1; index <= RUNS; index++) {
      const measured = await measureRun(databases, period.end, index);
      host = measured.machine;
      const { close, baseline, server } = measured.run;
      runs.push(measured.run);
      console.log(
        `run ${index}: close ${seconds(close.wallMs)} s (${measured.run.invoices} invoices, ${measured.run.lines} lines, ` +
          `${close.statements.statements} statements; SQL ${seconds(close.statements.busyMs)} s, ` +
          `Node ${seconds(close.wallMs - close.statements.busyMs)} s, Node CPU ${seconds(close.nodeCpuMs)} s; ` +
          `PostgreSQL active ${seconds(server.activeMs)} s, idle in transaction ${seconds(server.idleInTransactionMs)} s); ` +
          `baseline ${seconds(baseline.ms)} s (${baseline.invoices} invoices, ${baseline.lines} lines)`,
      );
      if (close.profile) printProfile(close.profile);
    }
  } finally {
    await databases.drop(RUN_DATABASE);
  }

  const row = (name: string, pick: (run: Run) => number, format: (value: number) => string) => [
    name,
    format(median(runs.map(pick))),
    runs.map((run) => format(pick(run))).join(', '),
  ];
  const count = (value: number) => value.toLocaleString('en');
  const ratio = (run: Run) => run.close.wallMs / run.baseline.ms;
  const closeSeconds = median(runs.map((run) => run.close.wallMs)) / 1000;
  const typical = [...runs].sort((a, b) => a.close.wallMs - b.close.wallMs)[Math.floor((runs.length - 1) / 2)];

  saveResult({
    name: 'period-close',
    title: 'Closing a billing period',
    date: new Date().toISOString().slice(0, 10),
    machine: host,
    method: [
      `${RUNS} runs, each on a fresh copy (\`CREATE DATABASE … TEMPLATE\`) of one data set: ${count(TENANTS)} tenants`,
      `whose monthly period has just ended, on five plan versions in USD, EUR and JPY (base fees, seats, PER_UNIT,`,
      'PACKAGE, GRADUATED and VOLUME charges, HARD and SOFT quotas; some with tax, some with a trial ending',
      `mid-period), and ${count(EVENTS)} usage events of six metrics in usage_events, skewed across tenants`,
      `(${count(Math.floor(EVENTS / Math.sqrt(TENANTS)))} for the busiest, ${count(Math.floor(EVENTS / (2 * TENANTS)))}`,
      'for the quietest), with their idempotency keys, hourly rollups, period totals and unique values, loaded',
      'once by the owner with INSERT … SELECT and checked to agree. Measured: the job the API schedules,',
      '`SubscriptionPeriods.rollOverdue` with billing’s `InvoiceDrafting` as period-end handler, called once in',
      'the API’s own Nest application (AppModule, production settings) in the bench process',
      '(`bench/period-close.bench.ts`, `npm run bench:period-close`). SQL time is the wall time during which a',
      'statement was in flight, timed around node-postgres’s `Client#query` (which Prisma’s pg adapter uses):',
      'round trip, PostgreSQL’s work and reading the rows; Node time is the rest of the wall time (Prisma,',
      'pricing, the event loop); the job closes subscriptions in chunks of 500, each chunk one transaction of a',
      'few set-based statements, two chunks at once, so statements overlap Node’s work and the process’s CPU',
      'time is the better measure of Node. PostgreSQL’s own figures come',
      'from `pg_stat_database` (active_time, idle_in_transaction_time; pg_stat_statements is not loaded).',
      'Baseline, same run, same data, warm cache: PostgreSQL alone rolls every ended subscription and writes',
      'an invoice each with base fee, seat and per-metric usage lines in one set-based transaction',
      '(`bench/lib/close-baseline.ts`), then rolls back. Bench, API and PostgreSQL share the machine.',
    ].join(' '),
    table: [
      ['figure', 'median', 'runs'],
      row('close: wall time (s)', (run) => run.close.wallMs, seconds),
      row('invoices drafted', (run) => run.invoices, count),
      row('invoice lines', (run) => run.lines, count),
      row('statements sent', (run) => run.close.statements.statements, count),
      row(
        'statements per closed period',
        (run) => run.close.statements.statements / run.invoices,
        (value) => value.toFixed(3),
      ),
      row('SQL: a statement in flight (s)', (run) => run.close.statements.busyMs, seconds),
      row('Node: the rest of the wall time (s)', (run) => run.close.wallMs - run.close.statements.busyMs, seconds),
      row('Node: CPU time of the process (s)', (run) => run.close.nodeCpuMs, seconds),
      row('PostgreSQL: executing statements (s)', (run) => run.server.activeMs, seconds),
      row('PostgreSQL: idle in transaction (s)', (run) => run.server.idleInTransactionMs, seconds),
      row('PostgreSQL: transactions committed', (run) => run.server.commits, count),
      row('baseline: one set-based transaction (s)', (run) => run.baseline.ms, seconds),
      row('baseline: invoice lines', (run) => run.baseline.lines, count),
      row('close / baseline', ratio, (value) => value.toFixed(1)),
      row(
        'load average (1 min) before the close',
        (run) => run.load,
        (value) => value.toFixed(1),
      ),
    ],
    details: [
      {
        caption: `The kinds of statement that took the most time in the median run (at most ${TOP_STATEMENTS}):`,
        table: statementTable(typical),
      },
    ],
    target: `all ${count(TENANTS)} periods closed in under 60 s`,
    met: closeSeconds < 60,
  });
  console.log(
    `median: close ${closeSeconds.toFixed(1)} s, baseline ${seconds(median(runs.map((run) => run.baseline.ms)))} s, ` +
      `ratio ${median(runs.map(ratio)).toFixed(1)}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
