import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { readMigrations } from '@warbler/api/core';
import { prepareTestDatabase } from '../../tools/db/test-database';
import type { BenchDatabases } from './bench-database';

/** Every tenant has a row for each of these metrics and each hour: tenants × metrics × hours rows. */
export const EXPORT_METRICS = [
  { code: 'bench_export_messages', aggregation: 'COUNT', property: null },
  { code: 'bench_export_tokens', aggregation: 'SUM', property: null },
  { code: 'bench_export_peak', aggregation: 'MAX', property: null },
  { code: 'bench_export_storage', aggregation: 'LATEST', property: null },
  { code: 'bench_export_users', aggregation: 'UNIQUE_COUNT', property: 'user_id' },
] as const;
export const EXPORT_HOURS = 2_000;
/** A fixed, month-aligned start, so that the data set does not go stale as time passes. */
export const EXPORT_FIRST_HOUR = new Date('2026-01-01T00:00:00Z');

export interface ExportDataset {
  tenants: number;
  rows: number;
  /** The hours [from, to) that hold every row. */
  from: Date;
  to: Date;
}

export function exportDatasetShape(rows: number): ExportDataset {
  const tenants = Math.max(1, Math.ceil(rows / (EXPORT_METRICS.length * EXPORT_HOURS)));
  return {
    tenants,
    rows: tenants * EXPORT_METRICS.length * EXPORT_HOURS,
    from: EXPORT_FIRST_HOUR,
    to: new Date(EXPORT_FIRST_HOUR.getTime() + EXPORT_HOURS * 3_600_000),
  };
}

function fingerprint(shape: ExportDataset): string {
  const hash = createHash('sha256');
  for (const migration of readMigrations(join(__dirname, '../../prisma/migrations'))) hash.update(migration.checksum);
  hash.update(readFileSync(join(__dirname, 'export-dataset.ts')));
  return JSON.stringify({ tenants: shape.tenants, rows: shape.rows, code: hash.digest('hex').slice(0, 16) });
}

/**
 * Makes sure `name` holds the export data set: `tenants` tenants, each with an hourly rollup row
 * for five metrics (one of each aggregation) over 2,000 hours (about 83 days, three billing
 * periods). Loaded once by the owner with INSERT … SELECT over generate_series, then kept and
 * reused while its fingerprint (size, migrations, this file) holds.
 */
export async function ensureExportDataset(
  databases: BenchDatabases,
  name: string,
  rows: number,
): Promise<ExportDataset> {
  const shape = exportDatasetShape(rows);
  const marker = fingerprint(shape);
  if ((await databases.marker(name)) === marker) {
    console.log(`data set ${name} is ready: ${marker}`);
    return shape;
  }
  console.log(`loading ${shape.rows} hourly rollup rows of ${shape.tenants} tenants into ${name} (once) ...`);
  const started = Date.now();
  const log = (step: string) => console.log(`  ${step} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  process.env['TEST_DATABASE_NAME'] = name;
  const url = await prepareTestDatabase({ reset: true });
  const owner = new Client({ connectionString: url });
  await owner.connect();
  try {
    await owner.query(`SET TimeZone = 'UTC'`);
    await owner.query(
      `INSERT INTO tenants (id, slug, name)
       SELECT gen_random_uuid(), 'bench-export-' || n, 'Bench export tenant ' || n FROM generate_series(1, $1) n`,
      [shape.tenants],
    );
    for (const metric of EXPORT_METRICS) {
      await owner.query(
        `INSERT INTO billable_metrics (id, code, name, unit, aggregation, property)
         VALUES (gen_random_uuid(), $1, $1, 'unit', $2, $3)`,
        [metric.code, metric.aggregation, metric.property],
      );
    }
    log('tenants and metrics');
    // Tenant by tenant, in primary-key order, so each statement stays small and the table is laid
    // out the way the export reads it.
    const { rows: tenants } = await owner.query<{ id: string }>('SELECT id FROM tenants ORDER BY id');
    for (const [index, tenant] of tenants.entries()) {
      await owner.query(
        `INSERT INTO usage_hourly_rollups (tenant_id, metric_id, period_start, hour, value, event_count, latest_at)
         SELECT $1, m.id, date_trunc('month', h, 'UTC'), h,
                CASE m.aggregation WHEN 'COUNT' THEN floor(random() * 500) ELSE round((random() * 1000)::numeric, 3) END,
                1 + floor(random() * 500)::int, h + interval '59 minutes'
         FROM billable_metrics m, generate_series($2::timestamptz, $3::timestamptz - interval '1 hour', interval '1 hour') h
         WHERE m.code LIKE 'bench_export_%'
         ORDER BY m.id, h`,
        [tenant.id, shape.from, shape.to],
      );
      if ((index + 1) % 100 === 0) log(`${index + 1} tenants`);
    }
    log('hourly rollups');
    await owner.query('VACUUM (FREEZE, ANALYZE)');
    log('vacuumed and analyzed');
  } finally {
    await owner.end();
  }
  await databases.setMarker(name, marker);
  return shape;
}
