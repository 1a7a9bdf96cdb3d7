import { expect, type Locator, type Page, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { ADMIN, MEMBER, PLATFORM_ADMIN } from './support/accounts';
import { createBillingTenant, draftInvoiceIds, endBillingPeriodNow } from './support/billing-database';
import { enrolSecondFactor, fillCredentials, mainNavigation, screenshot, signIn } from './support/console';
import { createStaffAccount } from './support/database';
import { freshTotp } from './support/totp';

// A tenant and a finance account of this run's own: closing the tenant's period must leave the
// seeded tenants, which the other tests read, as they are.
const run = Date.now().toString(36);
const TENANT = { slug: `initech-${run}`, name: 'Initech Messaging' };
const TENANT_ADMIN = { email: `admin-${run}@initech.test`, password: ADMIN.password, displayName: 'Ines Okafor' };
const FINANCE = { email: `finance-${run}@warbler.test`, password: PLATFORM_ADMIN.password, displayName: 'Farah Lind' };

interface PricedLine {
  description: string;
  amount: string;
}

/** The description and amount of each line of a lines table (wb-money-lines). */
function pricedLines(table: Locator): Promise<PricedLine[]> {
  return table.locator('tr.line-row').evaluateAll((rows) =>
    rows.map((row) => ({
      description: row.querySelector('.mat-column-description > div')?.textContent?.trim() ?? '',
      amount: row.querySelector('.mat-column-amount')?.textContent?.trim() ?? '',
    })),
  );
}

async function textOf(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').trim();
}

/** Opens the change dialog, waits for the preview of what the form asks, and notes its figures. */
async function previewed(page: Page) {
  const dialog = page.getByRole('dialog');
  const lines = dialog.getByRole('table', { name: 'Proration preview' });
  await expect(lines).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Confirm change' })).toBeEnabled();
  return {
    dialog,
    lines: await pricedLines(lines),
    total: await textOf(dialog.getByTestId('change-total')),
    nextInvoiceTotal: await textOf(dialog.getByTestId('preview-next-invoice-total')),
  };
}

test('a tenant admin changes plan and seats with previews; the closed period bills exactly those figures; finance finalizes it and records a payment; the PDF downloads', async ({
  browser,
}) => {
  // Waits for the period-close job, which runs once a minute in the e2e server.
  test.setTimeout(300_000);
  await createBillingTenant({
    slug: TENANT.slug,
    name: TENANT.name,
    planCode: 'team',
    seatQuantity: 6,
    daysIntoPeriod: 10,
    admin: { email: TENANT_ADMIN.email, displayName: TENANT_ADMIN.displayName, passwordOf: ADMIN.email },
  });
  await createStaffAccount({
    email: FINANCE.email,
    displayName: FINANCE.displayName,
    staffRole: 'FINANCE',
    passwordOf: PLATFORM_ADMIN.email,
  });

  // 1. The tenant admin reads the plan, the seats and the estimate of this period's invoice.
  const admin = await browser.newPage();
  await signIn(admin, TENANT_ADMIN);
  await mainNavigation(admin).getByRole('link', { name: 'Plan & billing' }).click();
  const plan = admin.getByTestId('current-plan');
  await expect(plan).toContainText('Team v2');
  await expect(plan).toContainText('$49.00 a month');
  await expect(admin.getByTestId('seats')).toContainText('1 of 6 in use');
  await expect(admin.getByRole('table', { name: 'Next invoice lines' })).toContainText('Team v2 base fee');
  await screenshot(admin, '30-plan-and-billing');
  await mainNavigation(admin).getByRole('link', { name: 'Invoices' }).click();
  await expect(admin.getByRole('heading', { name: 'No invoices yet' })).toBeVisible();
  await screenshot(admin, '30b-invoices-none-yet');
  await mainNavigation(admin).getByRole('link', { name: 'Plan & billing' }).click();

  // 2. An upgrade now: the proration preview shows before anything changes.
  await admin.getByRole('button', { name: 'Change plan' }).click();
  await admin
    .getByRole('dialog')
    .getByRole('radio', { name: /Business/ })
    .check();
  const upgrade = await previewed(admin);
  expect(upgrade.lines.map((line) => line.description)).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^Unused time on Team v2 base fee/),
      expect.stringMatching(/^Remaining time on Business v1 base fee/),
    ]),
  );
  expect(upgrade.lines.find((line) => line.description.startsWith('Unused time'))?.amount).toMatch(/^-\$/);
  await screenshot(admin, '31-change-plan-preview');
  await upgrade.dialog.getByRole('button', { name: 'Confirm change' }).click();
  await expect(admin.getByText('Now on Business v1')).toBeVisible();
  await expect(plan).toContainText('Business v1');

  // 3. More seats than Business includes, now, previewed the same way.
  await admin.getByRole('button', { name: 'Change seats' }).click();
  await admin.getByRole('dialog').getByLabel('Seats').fill('24');
  const seats = await previewed(admin);
  expect(seats.lines.map((line) => line.description)).toEqual([
    expect.stringMatching(/^Remaining time on Business v1 seats above 20 included .*4 × 12\.00/),
  ]);
  await screenshot(admin, '32-change-seats-preview');
  await seats.dialog.getByRole('button', { name: 'Confirm change' }).click();
  await expect(admin.getByText('Seats changed to 24')).toBeVisible();
  await expect(admin.getByTestId('seats')).toContainText('1 of 24 in use');
  // The estimate now is what the last preview said this period's invoice would come to.
  await expect(admin.getByTestId('upcoming-total')).toHaveText(seats.nextInvoiceTotal);
  await screenshot(admin, '33-plan-after-changes');

  // 4. The rest of the period passes; the period-close job drafts its invoice.
  await endBillingPeriodNow(TENANT.slug);
  await expect
    .poll(async () => (await draftInvoiceIds(TENANT.slug)).length, { timeout: 150_000, intervals: [2_000] })
    .toBe(1);
  const [invoiceId] = await draftInvoiceIds(TENANT.slug);

  // 5. Finance (first sign-in: a second factor first) finalizes the draft on the invoice desk.
  const finance = await browser.newPage();
  await fillCredentials(finance, FINANCE);
  await enrolSecondFactor(finance, freshTotp);
  await mainNavigation(finance).getByRole('link', { name: 'Invoice desk' }).click();
  const desk = finance.getByRole('table', { name: 'Invoices of every tenant' });
  const row = desk.locator(`tr[data-invoice-id="${invoiceId}"]`);
  await expect(row).toContainText(TENANT.name);
  await expect(row).toContainText('Draft');
  await row.getByRole('button', { name: /^Open the invoice of/ }).click();
  const draft = desk.locator('wb-invoice-document');
  await expect(draft.getByRole('table', { name: 'Invoice lines' })).toBeVisible();
  await screenshot(finance, '34-finance-desk-draft');
  await draft.getByRole('button', { name: 'Finalize' }).click();
  await finance.getByRole('dialog').getByRole('button', { name: 'Finalize' }).click();
  await expect(finance.getByText(/Finalized as WB-\d{4}-\d{6}/)).toBeVisible();
  const number = await textOf(draft.getByTestId('invoice-number'));
  expect(number).toMatch(/^WB-\d{4}-\d{6}$/);
  await expect(row).toContainText('Open');

  // 6. The tenant's invoice carries exactly the previewed proration lines, and the previewed total.
  await mainNavigation(admin).getByRole('link', { name: 'Invoices' }).click();
  await admin.getByRole('table', { name: 'Invoices' }).getByRole('link', { name: number }).click();
  await expect(admin.getByTestId('invoice-number')).toHaveText(number);
  const invoiceLines = await pricedLines(admin.getByRole('table', { name: 'Invoice lines' }));
  for (const line of [...upgrade.lines, ...seats.lines]) expect(invoiceLines).toContainEqual(line);
  await expect(admin.getByTestId('invoice-total')).toHaveText(seats.nextInvoiceTotal);
  await admin
    .getByRole('button', {
      name: `Explain line ${invoiceLines.findIndex((line) => line.description.startsWith('Remaining time on Business v1 base fee')) + 1}`,
    })
    .click();
  await expect(admin.getByRole('definition').filter({ hasText: /of the period's [\d,]+ seconds/ })).toBeVisible();
  await screenshot(admin, '35-tenant-invoice-with-proration');

  // 7. The PDF downloads, named after the invoice.
  const download = admin.waitForEvent('download');
  await admin.getByRole('button', { name: 'Download PDF' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`${number}.pdf`);
  const bytes = await readFile((await file.path()) as string);
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');

  // 8. Finance records a bank transfer for part of it; the amount is checked before it is sent.
  await draft.getByRole('button', { name: 'Record payment' }).click();
  const payment = finance.getByRole('dialog');
  await payment.getByLabel(/^Amount/).fill('100.005');
  await payment.getByRole('button', { name: 'Record payment' }).click();
  await expect(payment.getByText('USD has 2 decimals at most')).toBeVisible();
  await payment.getByLabel(/^Amount/).fill('100');
  await payment.getByLabel('Reference').fill(`INITECH-${run}`);
  await screenshot(finance, '36-record-payment');
  await payment.getByRole('button', { name: 'Record payment' }).click();
  await expect(finance.getByText(`Payment recorded against ${number}`)).toBeVisible();
  const payments = draft.getByRole('table', { name: 'Payments' });
  await expect(payments).toContainText('Bank transfer');
  await expect(payments).toContainText(`INITECH-${run}`);
  await expect(payments).toContainText('$100.00');
  await screenshot(finance, '37-finance-desk-after-payment');

  // 9. A correction: finance credits part of a line; the tax and total show before it is issued. The
  // invoice's total depends on the second the plan changed at, so the amounts due follow from it.
  const totalCents = centsOf(seats.nextInvoiceTotal);
  const dueAfterPayment = dollars(totalCents - 100_00);
  const dueAfterCredit = dollars(totalCents - 100_00 - 10_00);
  await draft.getByRole('button', { name: 'Credit note' }).click();
  const credit = finance.getByRole('dialog');
  await credit.getByRole('checkbox', { name: 'Team v2 base fee' }).check();
  await credit.getByLabel('Credit on Team v2 base fee').fill('10');
  await expect(credit.getByTestId('credit-total')).toHaveText('$10.00');
  await expect(credit).toContainText(`The amount due goes from ${dueAfterPayment} to ${dueAfterCredit}.`);
  await credit.getByRole('combobox', { name: 'Reason' }).click();
  await finance.getByRole('option', { name: 'Billing error' }).click();
  await credit.getByLabel('Note to the tenant').fill('The base fee was billed for a day too many.');
  await screenshot(finance, '38-credit-note-dialog');
  await credit.getByRole('button', { name: 'Issue credit note' }).click();
  await expect(finance.getByText(/CN-\d{4}-\d{6} issued for \$10\.00/)).toBeVisible();
  await expect(draft.getByTestId('invoice-amount-due')).toHaveText(dueAfterCredit);

  // 10. The tenant's next invoices carry tax from now on; this one keeps what it was issued with.
  await finance.getByRole('combobox', { name: 'Tenant' }).click();
  await finance.getByRole('option', { name: TENANT.name }).click();
  await finance.getByRole('button', { name: `Tax rate of ${TENANT.name}` }).click();
  await finance.getByRole('dialog').getByLabel('Tax rate (%)').fill('20');
  await finance.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
  await expect(finance.getByText(`${TENANT.name}'s next invoices carry 20% tax`)).toBeVisible();

  // 11. The tenant sees the payment and the credit note on the invoice, and the list of invoices.
  await admin.reload();
  await expect(admin.getByRole('table', { name: 'Payments' })).toContainText('$100.00');
  await expect(admin.getByRole('article', { name: /^Credit note CN-/ })).toContainText('Billing error');
  await expect(admin.getByTestId('invoice-credited')).toHaveText('−$10.00');
  await expect(admin.getByTestId('invoice-amount-due')).toHaveText(dueAfterCredit);
  await screenshot(admin, '39-tenant-invoice-paid-in-part-and-credited');
  await mainNavigation(admin).getByRole('link', { name: 'Invoices' }).click();
  const listed = admin.getByRole('table', { name: 'Invoices' }).getByRole('row').filter({ hasText: number });
  await expect(listed).toContainText(seats.nextInvoiceTotal);
  await expect(listed).toContainText(dueAfterCredit);
  await screenshot(admin, '40-tenant-invoices');
  await finance.close();
  await admin.close();
});

test('a member reads the plan and seats without a way to change them', async ({ page }) => {
  await signIn(page, MEMBER);
  await mainNavigation(page).getByRole('link', { name: 'Plan & billing' }).click();
  await expect(page.getByTestId('current-plan')).toContainText('Team');
  await expect(page.getByTestId('seats')).toContainText('in use');
  await expect(page.getByRole('button', { name: 'Change plan' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Change seats' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Cancel subscription' })).toHaveCount(0);
  await expect(mainNavigation(page).getByRole('link', { name: 'Invoices' })).toHaveCount(0);
  await screenshot(page, '41-plan-member-read-only');
});

/** "$1,383.66" → 138366. */
function centsOf(usd: string): number {
  const match = /^\$([\d,]+)\.(\d{2})$/.exec(usd);
  if (!match) throw new Error(`not a dollar amount: ${usd}`);
  return Number(match[1].replaceAll(',', '')) * 100 + Number(match[2]);
}

/** 138366 → "$1,383.66", as the console shows US dollars. */
function dollars(cents: number): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(cents / 100);
}
