import { expect, test } from '@playwright/test';
import { ADMIN, PLATFORM_ADMIN } from './support/accounts';
import { createBillingTenant } from './support/billing-database';
import { enrolSecondFactor, fillCredentials, mainNavigation, screenshot, signIn } from './support/console';
import { createStaffAccount, createUser, withOwner } from './support/database';
import { freshTotp } from './support/totp';

// A tenant and accounts of this run's own, so the seeded tenants other tests read stay as they are.
const run = Date.now().toString(36);
const TENANT = { slug: `capped-${run}`, name: 'Capped Messaging' };
const TENANT_ADMIN = { email: `admin-${run}@capped.test`, password: ADMIN.password, displayName: 'Ada Brandt' };
const BILLING_ADMIN = { email: `billing-${run}@capped.test`, password: ADMIN.password, displayName: 'Bo Lindqvist' };
const FINANCE = { email: `finance-${run}@warbler.test`, password: PLATFORM_ADMIN.password, displayName: 'Fen Ito' };

test('finance sets a commitment and the highest cap; the tenant’s billing admin sets an alert and a cap within it', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  await createBillingTenant({
    slug: TENANT.slug,
    name: TENANT.name,
    planCode: 'team',
    seatQuantity: 6,
    daysIntoPeriod: 10,
    admin: { email: TENANT_ADMIN.email, displayName: TENANT_ADMIN.displayName, passwordOf: ADMIN.email },
  });
  const tenantId = await withOwner(async (client) => {
    const { rows } = await client.query<{ id: string }>('SELECT id FROM tenants WHERE slug = $1', [TENANT.slug]);
    await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [rows[0].id]);
    const userId = await createUser(client, {
      email: BILLING_ADMIN.email,
      displayName: BILLING_ADMIN.displayName,
      passwordOf: ADMIN.email,
    });
    await client.query(
      `INSERT INTO memberships (tenant_id, id, user_id, role) VALUES ($1, gen_random_uuid(), $2, 'BILLING_ADMIN')`,
      [rows[0].id, userId],
    );
    return rows[0].id;
  });
  await createStaffAccount({
    email: FINANCE.email,
    displayName: FINANCE.displayName,
    staffRole: 'FINANCE',
    passwordOf: PLATFORM_ADMIN.email,
  });

  // 1. Finance opens the tenant and sets a commitment of 250.00 and a highest cap of 500.00.
  const finance = await browser.newPage();
  await fillCredentials(finance, FINANCE);
  await enrolSecondFactor(finance, freshTotp);
  await finance.goto(`/operator/tenants/${tenantId}`);
  const terms = finance.getByTestId('billing-terms');
  await expect(terms.getByTestId('terms-commitment')).toHaveText('None');
  await terms.getByTestId('set-commitment').click();
  await finance
    .getByRole('dialog')
    .getByLabel(/Commitment per period/)
    .fill('250');
  await finance.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
  await expect(terms.getByTestId('terms-commitment')).toContainText('$250.00 per period');
  await terms.getByTestId('set-limits').click();
  await finance
    .getByRole('dialog')
    .getByLabel(/Highest cap/)
    .fill('500');
  await finance.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
  await expect(terms.getByTestId('terms-max-cap')).toContainText('$500.00');
  await screenshot(finance, '60-finance-billing-terms');

  // 2. The billing admin sees spend so far and the commitment, and sets an alert and a cap.
  const billing = await browser.newPage();
  await signIn(billing, BILLING_ADMIN);
  await mainNavigation(billing).getByRole('link', { name: 'Plan & billing' }).click();
  const card = billing.getByTestId('spending');
  await expect(card.getByTestId('spent')).toHaveText('$0.00');
  await expect(card.getByTestId('commitment')).toContainText('$250.00 per period');
  await card.getByTestId('set-spending').click();
  const dialog = billing.getByRole('dialog');
  await dialog.getByLabel(/Alert at/).fill('200');
  // Above finance's limit: the dialog says which limit, and nothing is saved.
  await dialog.getByLabel(/Hard cap/).fill('750');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toContainText('At most $500.00, the highest cap your billing terms allow');
  await screenshot(billing, '61-spending-cap-refused');
  await dialog.getByLabel(/Hard cap/).fill('400');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(card.getByTestId('alert')).toContainText('$200.00');
  await expect(card.getByTestId('cap')).toContainText('$400.00');
  await expect(card.getByTestId('cap')).toContainText('at most $500.00');
  await screenshot(billing, '62-spending-card');

  // 3. Finance sees the tenant's own choice beside its limits.
  await finance.reload();
  await expect(finance.getByTestId('terms-cap')).toContainText('$400.00');
});
