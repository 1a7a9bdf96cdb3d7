import { expect, test } from '@playwright/test';
import { ADMIN, PLATFORM_ADMIN } from './support/accounts';
import { createBillingTenant } from './support/billing-database';
import { enrolSecondFactor, fillCredentials, mainNavigation, screenshot, signIn } from './support/console';
import { createStaffAccount, withOwner } from './support/database';
import { freshTotp } from './support/totp';

// A tenant and accounts of this run's own, so the seeded tenants other tests read stay as they are.
const run = Date.now().toString(36);
const TENANT = { slug: `credited-${run}`, name: 'Credited Messaging' };
const TENANT_ADMIN = { email: `admin-${run}@credited.test`, password: ADMIN.password, displayName: 'Ines Okafor' };
const FINANCE = { email: `finance-${run}@warbler.test`, password: PLATFORM_ADMIN.password, displayName: 'Finn Aro' };

test('finance grants prepaid credits and the tenant sees its balance and ledger', async ({ browser }) => {
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
    return rows[0].id;
  });
  await createStaffAccount({
    email: FINANCE.email,
    displayName: FINANCE.displayName,
    staffRole: 'FINANCE',
    passwordOf: PLATFORM_ADMIN.email,
  });

  // 1. Finance opens the tenant: no credits yet.
  const finance = await browser.newPage();
  await fillCredentials(finance, FINANCE);
  await enrolSecondFactor(finance, freshTotp);
  await finance.goto(`/operator/tenants/${tenantId}`);
  const panel = finance.getByTestId('tenant-credits');
  await expect(panel).toContainText('No credits granted');

  // 2. A grant of 120.50 with a reason; a fractional cent is refused before anything is sent.
  await panel.getByTestId('grant-credits').click();
  const dialog = finance.getByRole('dialog');
  await dialog.getByLabel('Amount').fill('120.505');
  await dialog.getByLabel('Reason').fill('Launch offer');
  await dialog.getByRole('button', { name: 'Grant credits' }).click();
  await expect(dialog).toContainText('USD has 2 decimals at most');
  await dialog.getByLabel('Amount').fill('120.50');
  await screenshot(finance, '80-finance-grant-credits-dialog');
  await dialog.getByRole('button', { name: 'Grant credits' }).click();
  await expect(dialog).toBeHidden();
  await expect(panel.getByTestId('finance-credit-balance')).toContainText('$120.50');
  await expect(panel.getByRole('table', { name: 'Credit grants' })).toContainText('Launch offer');
  await expect(panel.getByTestId('credit-ledger')).toContainText('Granted');
  await screenshot(finance, '81-finance-tenant-credits');

  // 3. The tenant's admin sees the balance and the grant on its ledger.
  const tenant = await browser.newPage();
  await signIn(tenant, TENANT_ADMIN);
  await mainNavigation(tenant).getByRole('link', { name: 'Plan & billing' }).click();
  await expect(tenant.getByTestId('credit-balance')).toContainText('$120.50');
  await expect(tenant.getByTestId('credit-balance')).toContainText('Never expires');
  const ledger = tenant.getByTestId('credit-ledger');
  await expect(ledger).toContainText('Launch offer');
  await expect(ledger).toContainText('+$120.50');
  await screenshot(tenant, '82-tenant-credit-balance');
});
