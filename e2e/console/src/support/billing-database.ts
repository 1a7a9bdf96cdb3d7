import pg from 'pg';
import { createUser, withOwner } from './database';

/**
 * Billing setup the product has no screen for (creating a tenant, a finance account) and the one
 * thing a browser test cannot wait for: a month passing. Everything a person does goes through the
 * browser; this only prepares the stage and moves the clock.
 */

async function tenantId(client: pg.Client, slug: string): Promise<string> {
  const tenant = await client.query<{ id: string }>('SELECT id FROM tenants WHERE slug = $1', [slug]);
  if (tenant.rowCount !== 1) throw new Error(`No tenant ${slug}`);
  // Row-level security applies to the owner too: act inside the tenant, as the product does.
  await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenant.rows[0].id]);
  return tenant.rows[0].id;
}

export interface BillingTenantSetup {
  slug: string;
  name: string;
  /** The plan's latest published version is the tenant's. */
  planCode: string;
  seatQuantity: number;
  daysIntoPeriod: number;
  admin: { email: string; displayName: string; passwordOf: string };
}

/**
 * A tenant of its own for a billing test, so that closing its period leaves the seeded tenants the
 * other tests read alone: a monthly period `daysIntoPeriod` days old, a trial that ended before it,
 * and one admin holding a seat.
 */
export async function createBillingTenant(setup: BillingTenantSetup): Promise<void> {
  await withOwner(async (client) => {
    const id = (await client.query<{ id: string }>('SELECT gen_random_uuid() AS id')).rows[0].id;
    await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [id]);
    await client.query('INSERT INTO tenants (id, slug, name) VALUES ($1, $2, $3)', [id, setup.slug, setup.name]);
    const adminId = await createUser(client, setup.admin);
    await client.query(
      `INSERT INTO memberships (tenant_id, id, user_id, role, seat_assigned)
       VALUES ($1, gen_random_uuid(), $2, 'ADMIN', true)`,
      [id, adminId],
    );
    const subscribed = await client.query(
      `INSERT INTO subscriptions
         (tenant_id, id, plan_version_id, current_period_start, current_period_end, billing_anchor_at,
          trial_ends_at, seat_quantity)
       SELECT $1, gen_random_uuid(), v.id, s.start, s.start + interval '1 month', s.start,
              s.start - interval '20 days', $4
         FROM plan_versions v JOIN plans p ON p.id = v.plan_id,
              (SELECT date_trunc('second', now()) - make_interval(days => $3) AS start) s
        WHERE p.code = $2 AND v.status = 'PUBLISHED'
        ORDER BY v.version DESC LIMIT 1`,
      [id, setup.planCode, setup.daysIntoPeriod, setup.seatQuantity],
    );
    if (subscribed.rowCount !== 1) throw new Error(`No published version of plan ${setup.planCode}`);
  });
}

/**
 * Lets the rest of the tenant's current billing period pass: every instant of its billing (period,
 * anchor, trial, recorded changes) moves back by the time left, so the period ends now and each
 * change keeps its place in it, and with it its prorated amounts. The period-close job (every
 * minute in the e2e server) then closes the period. The tenant must have no usage: its rollups
 * are keyed by period and are not moved.
 */
export async function endBillingPeriodNow(slug: string): Promise<void> {
  await withOwner(async (client) => {
    const id = await tenantId(client, slug);
    // subscription_changes is append-only by trigger; moving history in time is this test's licence alone.
    await client.query('SET LOCAL session_replication_role = replica');
    // Whole seconds: proration floors every instant to the second, so only a whole-second move keeps
    // each change's share of the period exactly as it was previewed. Rounded down, so the period ends
    // within the next second rather than up to a second ago, before what the test did just now.
    const shift = await client.query<{ seconds: string }>(
      `SELECT floor(extract(epoch FROM current_period_end - now()))::bigint::text AS seconds
         FROM subscriptions WHERE tenant_id = $1`,
      [id],
    );
    const by = `${shift.rows[0].seconds} seconds`;
    await client.query(
      `UPDATE subscriptions
          SET current_period_start = current_period_start - $2::interval,
              current_period_end = current_period_end - $2::interval,
              billing_anchor_at = billing_anchor_at - $2::interval,
              trial_ends_at = trial_ends_at - $2::interval
        WHERE tenant_id = $1`,
      [id, by],
    );
    await client.query(
      `UPDATE subscription_changes
          SET effective_at = effective_at - $2::interval,
              period_start = period_start - $2::interval,
              period_end = period_end - $2::interval
        WHERE tenant_id = $1`,
      [id, by],
    );
  });
}

/** The ids of the tenant's draft invoices: the period-close job drafts one per closed period. */
export async function draftInvoiceIds(slug: string): Promise<string[]> {
  return withOwner(async (client) => {
    const id = await tenantId(client, slug);
    const drafts = await client.query<{ id: string }>(
      `SELECT id FROM invoices WHERE tenant_id = $1 AND status = 'DRAFT' ORDER BY period_start`,
      [id],
    );
    return drafts.rows.map((row) => row.id);
  });
}
