import { expect, type Locator, test } from '@playwright/test';
import { ADMIN, PLATFORM_ADMIN } from './support/accounts';
import { createBillingTenant, draftInvoiceIds, endBillingPeriodNow } from './support/billing-database';
import { enrolSecondFactor, fillCredentials, mainNavigation, screenshot, signIn } from './support/console';
import { createStaffAccount, withOwner } from './support/database';
import { freshTotp } from './support/totp';

// A tenant and accounts of this run's own: closing the tenant's period leaves the seeded tenants alone.
const run = Date.now().toString(36);
const TENANT = { slug: `umbrella-${run}`, name: 'Umbrella Messaging' };
const TENANT_ADMIN = { email: `admin-${run}@umbrella.test`, password: ADMIN.password, displayName: 'Uma Reyes' };
const FINANCE = { email: `finance-${run}@warbler.test`, password: PLATFORM_ADMIN.password, displayName: 'Femi Hart' };
const COUPON = `LAUNCH20-${run}`.toUpperCase();

/**
 * The period invoice, worked by hand. Team: base fee $49.00, 5 seats included, $8.00 per seat
 * beyond; 6 seats paid for and no usage, no tax rate:
 *   base fee                            49.00
 *   1 seat beyond the included 5         8.00
 *   subtotal before discounts           57.00
 *   20% off (LAUNCH20, once)           −11.40
 *   total                               45.60
 *   prepaid credits applied            −30.00   (the whole grant: it is less than the total)
 *   amount due                          15.60
 */
const EXPECTED = { discount: '-$11.40', total: '$45.60', credits: '−$30.00', due: '$15.60' };

async function textOf(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').trim();
}

test('finance grants credits, the tenant redeems a coupon, and the next invoice shows both with the expected total', async ({
  browser,
}) => {
  test.setTimeout(300_000);
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

  // 1. Finance creates a coupon: 20% off the next period invoice.
  const finance = await browser.newPage();
  await fillCredentials(finance, FINANCE);
  await enrolSecondFactor(finance, freshTotp);
  await mainNavigation(finance).getByRole('link', { name: 'Coupons' }).click();
  await finance.getByRole('button', { name: 'New coupon' }).click();
  const couponDialog = finance.getByRole('dialog');
  await couponDialog.getByLabel('Code').fill(COUPON);
  await couponDialog.getByLabel('Name on the invoice').fill('Launch offer 20%');
  await couponDialog.getByRole('radio', { name: 'Percentage' }).click();
  await couponDialog.getByLabel('Percent off').fill('20');
  await couponDialog.getByRole('combobox', { name: 'Duration' }).click();
  await finance.getByRole('option', { name: /^Once/ }).click();
  await screenshot(finance, '90-finance-new-coupon');
  await couponDialog.getByRole('button', { name: 'Create coupon' }).click();
  await expect(couponDialog).toBeHidden();
  await expect(finance.getByRole('table', { name: 'Coupons' })).toContainText(COUPON);
  await screenshot(finance, '91-finance-coupons');

  // 2. Finance grants $30.00 of prepaid credits on the tenant's page.
  await finance.goto(`/operator/tenants/${tenantId}`);
  const credits = finance.getByTestId('tenant-credits');
  await credits.getByTestId('grant-credits').click();
  const grantDialog = finance.getByRole('dialog');
  await grantDialog.getByLabel('Amount').fill('30');
  await grantDialog.getByLabel('Reason').fill('Migration from the old provider');
  await grantDialog.getByRole('button', { name: 'Grant credits' }).click();
  await expect(grantDialog).toBeHidden();
  await expect(credits.getByTestId('finance-credit-balance')).toContainText('$30.00');

  // 3. The tenant's admin redeems the code; the upcoming invoice already counts the discount.
  const admin = await browser.newPage();
  await signIn(admin, TENANT_ADMIN);
  await mainNavigation(admin).getByRole('link', { name: 'Plan & billing' }).click();
  const discounts = admin.getByTestId('discounts');
  await discounts.getByTestId('coupon-code').fill('NO-SUCH-CODE');
  await discounts.getByRole('button', { name: 'Redeem' }).click();
  await expect(discounts.getByRole('alert').or(discounts.locator('mat-error'))).toBeVisible();
  await discounts.getByTestId('coupon-code').fill(COUPON.toLowerCase());
  await discounts.getByRole('button', { name: 'Redeem' }).click();
  await expect(discounts.getByTestId('discount')).toContainText('Launch offer 20%');
  await expect(admin.getByTestId('upcoming-total')).toHaveText(EXPECTED.total);
  await expect(admin.getByTestId('credit-balance')).toContainText('$30.00');
  await screenshot(admin, '92-tenant-coupon-redeemed');

  // 4. The period ends; the period-close job drafts the invoice with the discount line.
  await endBillingPeriodNow(TENANT.slug);
  await expect
    .poll(async () => (await draftInvoiceIds(TENANT.slug)).length, { timeout: 150_000, intervals: [2_000] })
    .toBe(1);
  const [invoiceId] = await draftInvoiceIds(TENANT.slug);

  // 5. Finance finalizes it: the credits pay what they can.
  await mainNavigation(finance).getByRole('link', { name: 'Invoice desk' }).click();
  const desk = finance.getByRole('table', { name: 'Invoices of every tenant' });
  const row = desk.locator(`tr[data-invoice-id="${invoiceId}"]`);
  await row.getByRole('button', { name: /^Open the invoice of/ }).click();
  const draft = desk.locator('wb-invoice-document');
  await draft.getByRole('button', { name: 'Finalize' }).click();
  await finance.getByRole('dialog').getByRole('button', { name: 'Finalize' }).click();
  await expect(finance.getByText(/Finalized as WB-\d{4}-\d{6}/)).toBeVisible();
  const number = await textOf(draft.getByTestId('invoice-number'));
  await expect(draft.getByTestId('invoice-credits-applied')).toHaveText(EXPECTED.credits);
  await screenshot(finance, '93-finance-invoice-with-discount-and-credits');

  // 6. The tenant's invoice shows the discount line, the credits and the amount left to pay.
  await mainNavigation(admin).getByRole('link', { name: 'Invoices' }).click();
  await admin.getByRole('table', { name: 'Invoices' }).getByRole('link', { name: number }).click();
  const lines = admin.getByRole('table', { name: 'Invoice lines' });
  await expect(lines.locator('tr.line-row').filter({ hasText: 'Launch offer 20%' })).toContainText(EXPECTED.discount);
  await expect(admin.getByTestId('invoice-total')).toHaveText(EXPECTED.total);
  await expect(admin.getByTestId('invoice-credits-applied')).toHaveText(EXPECTED.credits);
  await expect(admin.getByTestId('invoice-amount-due')).toHaveText(EXPECTED.due);
  await screenshot(admin, '94-tenant-invoice-with-discount-and-credits');

  // 7. The credits are spent: no balance is left and the ledger names the invoice.
  await mainNavigation(admin).getByRole('link', { name: 'Plan & billing' }).click();
  await expect(admin.getByTestId('credit-balance')).toContainText('None');
  await expect(admin.getByTestId('credit-ledger')).toContainText(number);
  await finance.close();
  await admin.close();
});
