import pg from 'pg';

/**
 * The database the e2e server runs on (tools/e2e/serve-for-e2e.mjs, E2E_DATABASE_NAME or warbler_e2e),
 * reached as its owner, or E2E_DATABASE_URL when the tests drive another server (E2E_BASE_URL). Only for setup the product
 * has no screen for yet; everything a person can do goes through the browser.
 */
export function e2eDatabaseUrl(): string {
  const other = process.env['E2E_DATABASE_URL'];
  if (other) return other;
  const url = new URL(process.env['DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
  url.pathname = `/${process.env['E2E_DATABASE_NAME'] ?? 'warbler_e2e'}`;
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

/** Runs `work` in one transaction as the e2e database's owner. */
export async function withOwner<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    await client.end();
  }
}

export type StaffRoleName = 'PLATFORM_ADMIN' | 'SUPPORT' | 'FINANCE';

/** A user whose password is the one `passwordOf` signs in with (its hash is copied: no hashing here). */
export async function createUser(
  client: pg.Client,
  user: { email: string; displayName: string; passwordOf: string; staffRole?: StaffRoleName },
): Promise<string> {
  const created = await client.query<{ id: string }>(
    `INSERT INTO users (id, email, display_name, password_hash, staff_role)
     SELECT gen_random_uuid(), $1, $2, password_hash, $4::"StaffRole" FROM users WHERE email = $3
     RETURNING id`,
    [user.email, user.displayName, user.passwordOf, user.staffRole ?? null],
  );
  if (created.rowCount !== 1) throw new Error(`No user ${user.passwordOf} to copy the password of`);
  return created.rows[0].id;
}

/**
 * A staff account of its own for one test, so the seeded one keeps its first sign-in for another;
 * like every staff account it enrols a second factor at its first sign-in.
 */
export async function createStaffAccount(user: {
  email: string;
  displayName: string;
  staffRole: StaffRoleName;
  passwordOf: string;
}): Promise<string> {
  return withOwner((client) => createUser(client, user));
}
