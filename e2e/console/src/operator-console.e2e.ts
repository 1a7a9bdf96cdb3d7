import { expect, test } from '@playwright/test';
import { OWNER, PLATFORM_ADMIN, TENANT_SLUG } from './support/accounts';
import { enrolSecondFactor, fillCredentials, mainNavigation, screenshot } from './support/console';
import { createUser, withOwner } from './support/database';
import { freshTotp } from './support/totp';

const run = Date.now().toString(36);
const ADMIN = { email: `platform-${run}@warbler.test`, password: PLATFORM_ADMIN.password };
const TENANT = { name: `Kestrel Relay ${run}`, slug: `kestrel-${run}`, owner: `owner-${run}@kestrel.test` };
const REASON = `Outbound spam reported by carriers (${run})`;

/**
 * A platform admin (the seeded one's password hash copied, so the seeded account keeps its own
 * first sign-in for the catalog test) and a tenant of its own on the seeded Acme tenant's plan, with an
 * owner and some usage, so suspending it disturbs no other test.
 */
async function prepare(): Promise<void> {
  await withOwner(async (client) => {
    await createUser(client, {
      email: ADMIN.email,
      displayName: 'Pat Platform',
      staffRole: 'PLATFORM_ADMIN',
      passwordOf: PLATFORM_ADMIN.email,
    });
    const ownerId = await createUser(client, {
      email: TENANT.owner,
      displayName: 'Kim Kestrel',
      passwordOf: OWNER.email,
    });
    const tenant = await client.query<{ id: string }>(
      `INSERT INTO tenants (id, slug, name, stripe_customer_id) VALUES (gen_random_uuid(), $1, $2, $3) RETURNING id`,
      [TENANT.slug, TENANT.name, `cus_e2e${run}`],
    );
    const tenantId = tenant.rows[0].id;
    const acme = await client.query<{ id: string }>('SELECT id FROM tenants WHERE slug = $1', [TENANT_SLUG]);
    // Row-level security applies to the owner too: read Acme's terms inside Acme, then write inside the new one.
    await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [acme.rows[0].id]);
    const terms = await client.query<{ plan_version_id: string; start: Date; end: Date }>(
      `SELECT plan_version_id, current_period_start AS start, current_period_end AS end FROM subscriptions`,
    );
    await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
    await client.query(
      `INSERT INTO memberships (tenant_id, id, user_id, role, seat_assigned) VALUES ($1, gen_random_uuid(), $2, 'OWNER', true)`,
      [tenantId, ownerId],
    );
    const { plan_version_id: planVersionId, start, end } = terms.rows[0];
    await client.query(
      `INSERT INTO subscriptions (tenant_id, id, plan_version_id, current_period_start, current_period_end,
                                  billing_anchor_at, seat_quantity)
       VALUES ($1, gen_random_uuid(), $2, $3, $4, $3, 5)`,
      [tenantId, planVersionId, start, end],
    );
    // Three quarters of each quota of the plan used this period.
    await client.query(
      `INSERT INTO usage_period_totals (tenant_id, metric_id, period_start, period_end, value, event_count)
       SELECT $1, q.metric_id, $2, $3, round(q.period_limit * 0.75), 1 FROM plan_quotas q WHERE q.plan_version_id = $4`,
      [tenantId, start, end, planVersionId],
    );
  });
}

test('a platform admin finds a tenant, suspends it with a reason, sees it suspended and reactivates it', async ({
  page,
}) => {
  await prepare();

  // 1. Staff sign in with a second factor first; the Tenants page is theirs only.
  await fillCredentials(page, ADMIN);
  await enrolSecondFactor(page, freshTotp);
  await mainNavigation(page).getByRole('link', { name: 'Tenants', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Tenants' })).toBeVisible();

  // 2. Search by the owner's e-mail finds exactly that tenant.
  await page.getByRole('searchbox', { name: 'Search' }).fill(TENANT.owner);
  const rows = page.getByRole('table', { name: 'Tenants' }).getByRole('row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText(TENANT.name);
  await expect(rows.nth(1)).toContainText('Active');
  await screenshot(page, '70-operator-tenants-search');

  // 3. Its detail: plan, seats, usage against the quotas, and no audit events yet.
  await rows.nth(1).getByRole('link', { name: TENANT.name }).click();
  await expect(page.getByRole('heading', { name: TENANT.name })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Seats' })).toContainText('1 of 5 paid');
  await expect(page.getByRole('region', { name: 'Usage this period' }).getByRole('progressbar').first()).toBeVisible();
  await screenshot(page, '71-operator-tenant-detail');

  // 4. Suspending needs a reason; the tenant then shows suspended, with the reason in its audit log.
  await page.getByRole('button', { name: 'Suspend' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Suspend tenant' }).click();
  await expect(dialog.getByText('Say why')).toBeVisible();
  await dialog.getByLabel('Reason').fill(REASON);
  await screenshot(page, '72-operator-suspend-dialog');
  await dialog.getByRole('button', { name: 'Suspend tenant' }).click();
  await expect(dialog).toBeHidden();
  const standing = page.getByRole('region', { name: 'Standing' });
  await expect(standing.locator('wb-tenant-status-chip')).toHaveText('Suspended');
  await expect(page.getByTestId('suspension-reason')).toHaveText(REASON);
  await expect(page.getByRole('region', { name: 'Recent audit events' })).toContainText('tenant.suspended');
  await expect(page.getByRole('region', { name: 'Recent audit events' })).toContainText(ADMIN.email);
  await screenshot(page, '73-operator-tenant-suspended');

  // 5. The list agrees, filtered to suspended tenants.
  await page.getByRole('link', { name: 'All tenants' }).click();
  await page.getByRole('searchbox', { name: 'Search' }).fill(TENANT.slug);
  await page.getByRole('combobox', { name: 'Status' }).click();
  await page.getByRole('option', { name: 'Suspended' }).click();
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText('Suspended');

  // 6. Reactivating (with a reason too) makes it active again.
  await rows.nth(1).getByRole('link', { name: TENANT.name }).click();
  await page.getByRole('button', { name: 'Reactivate' }).click();
  await dialog.getByLabel('Reason').fill('Carrier confirmed the sender is legitimate');
  await dialog.getByRole('button', { name: 'Reactivate tenant' }).click();
  await expect(dialog).toBeHidden();
  await expect(standing.locator('wb-tenant-status-chip')).toHaveText('Active');
  await expect(page.getByRole('region', { name: 'Recent audit events' })).toContainText('tenant.reactivated');
  await expect(page.getByRole('button', { name: 'Suspend' })).toBeVisible();
  await screenshot(page, '74-operator-tenant-reactivated');

  // 7. The staff page lists the platform's staff, this admin included.
  await mainNavigation(page).getByRole('link', { name: 'Staff', exact: true }).click();
  await expect(page.getByRole('table', { name: 'Staff accounts' })).toContainText(ADMIN.email);
  await screenshot(page, '75-operator-staff');
});
