import pg from 'pg';

/**
 * The database the e2e server runs on (tools/e2e/serve-for-e2e.mjs), reached as its owner.
 * Only for setup the product has no screen for yet; everything a person can do goes through the browser.
 */
export function e2eDatabaseUrl(): string {
  const url = new URL(process.env['DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
  url.pathname = '/warbler_e2e';
  return url.toString();
}

/**
 * Puts a tenant on the latest published version of a plan with a fresh current period starting now,
 * as a plan change would (the subscription lifecycle and its screens come with billing).
 * Returns the start of the new period.
 */
export async function movePlan(tenantSlug: string, planCode: string): Promise<Date> {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    await client.query('BEGIN');
    const tenant = await client.query<{ id: string }>('SELECT id FROM tenants WHERE slug = $1', [tenantSlug]);
    if (tenant.rowCount !== 1) throw new Error(`No tenant ${tenantSlug}`);
    // Row-level security applies to the owner too: act inside the tenant, as the product does.
    await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenant.rows[0].id]);
    const moved = await client.query<{ current_period_start: Date }>(
      `UPDATE subscriptions
          SET plan_version_id = (
                SELECT v.id FROM plan_versions v JOIN plans p ON p.id = v.plan_id
                 WHERE p.code = $2 AND v.status = 'PUBLISHED'
                 ORDER BY v.version DESC LIMIT 1),
              current_period_start = date_trunc('milliseconds', now()),
              current_period_end = date_trunc('milliseconds', now()) + interval '1 month',
              updated_at = now()
        WHERE tenant_id = $1
        RETURNING current_period_start`,
      [tenant.rows[0].id, planCode],
    );
    if (moved.rowCount !== 1) throw new Error(`${tenantSlug} has no subscription to move`);
    await client.query('COMMIT');
    return moved.rows[0].current_period_start;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    await client.end();
  }
}
