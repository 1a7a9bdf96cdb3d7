import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { readMigrations } from '@warbler/api/core';
import { prepareTestDatabase } from '../../tools/db/test-database';
import type { BenchDatabases } from './bench-database';
import { createPriceList } from './close-catalog';
import { type ClosePeriod, createTenants } from './close-tenants';
import { loadUsage } from './close-usage';

export interface CloseDatasetOptions {
  tenants: number;
  events: number;
}

/** The calendar month (UTC) before the current one: the period every subscription has just ended. */
export function lastMonth(now = new Date()): ClosePeriod {
  return {
    start: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)),
    end: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)),
  };
}

/**
 * What the data set is made from: its size, its period, the migrations and the loader's own code.
 * A change to any of them makes the stored data set stale.
 */
function fingerprint(options: CloseDatasetOptions, period: ClosePeriod): string {
  const hash = createHash('sha256');
  for (const migration of readMigrations(join(__dirname, '../../prisma/migrations'))) hash.update(migration.checksum);
  for (const file of ['close-dataset.ts', 'close-catalog.ts', 'close-tenants.ts', 'close-usage.ts']) {
    hash.update(readFileSync(join(__dirname, file)));
  }
  return JSON.stringify({
    tenants: options.tenants,
    events: options.events,
    periodStart: period.start.toISOString(),
    code: hash.digest('hex').slice(0, 16),
  });
}

/**
 * Makes sure `name` holds the data set: tenants whose period has just ended, with their usage in
 * raw events, idempotency keys, hourly rollups, period totals and unique values that agree with one
 * another. Loading takes minutes, so a finished load is kept and reused while its fingerprint holds.
 * Loaded as the owner with INSERT … SELECT over generate_series: PostgreSQL makes the rows itself.
 */
export async function ensureCloseDataset(
  databases: BenchDatabases,
  name: string,
  options: CloseDatasetOptions,
): Promise<ClosePeriod> {
  const period = lastMonth();
  const marker = fingerprint(options, period);
  if ((await databases.marker(name)) === marker) {
    console.log(`data set ${name} is ready: ${marker}`);
    return period;
  }
  console.log(`loading ${options.tenants} tenants and ${options.events} events into ${name} (once) ...`);
  const started = Date.now();
  const log = (step: string) => console.log(`  ${step} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  process.env['TEST_DATABASE_NAME'] = name;
  const url = await prepareTestDatabase({ reset: true });
  const owner = new Client({ connectionString: url });
  await owner.connect();
  try {
    // Hours are UTC hours; the large aggregations may use memory rather than spill to disk.
    await owner.query(`SET TimeZone = 'UTC'`);
    await owner.query(`SET work_mem = '512MB'`);
    await owner.query(`SET maintenance_work_mem = '1GB'`);
    await owner.query(`SELECT app_ensure_usage_event_partitions($1::date, 1)`, [period.start]);
    const prices = await createPriceList(owner);
    await createTenants(owner, { ...options, period, prices });
    log('price list, tenants, members, subscriptions, API keys');
    await loadUsage(owner, { events: options.events, period, prices, log });
    // Frozen, visible and analyzed once here, so that no copy has to set hint bits or gather statistics.
    await owner.query('VACUUM (FREEZE, ANALYZE)');
    log('vacuumed and analyzed');
  } finally {
    await owner.end();
  }
  await databases.setMarker(name, marker);
  return period;
}
