import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { PLATFORM_ADMIN } from './support/accounts';
import { enrolSecondFactor, fillCredentials, mainNavigation, screenshot } from './support/console';
import { createUser, withOwner } from './support/database';
import { freshTotp } from './support/totp';

const run = Date.now().toString(36);
const FINANCE = { email: `exports-${run}@warbler.test`, password: PLATFORM_ADMIN.password };
const DAY = 86_400_000;

/**
 * Setup the product has no screen for: a finance account (password copied from the demo staff
 * account), and issued invoices of past months for the seeded tenant, so the revenue page has history.
 */
async function prepare(): Promise<void> {
  await withOwner(async (client) => {
    await createUser(client, {
      email: FINANCE.email,
      displayName: 'Fiona Exports',
      staffRole: 'FINANCE',
      passwordOf: PLATFORM_ADMIN.email,
    });
    const { rows } = await client.query<{ tenant_id: string; id: string; plan_version_id: string; metric_id: string }>(
      `SELECT s.tenant_id, s.id, s.plan_version_id, (SELECT id FROM billable_metrics WHERE code = 'messages_sent') AS metric_id
       FROM subscriptions s JOIN tenants t ON t.id = s.tenant_id WHERE t.slug = 'acme-chat'`,
    );
    const subscription = rows[0];
    await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [subscription.tenant_id]);
    const now = new Date();
    for (let back = 6; back >= 2; back--) {
      const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 5));
      const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back + 1, 5));
      const usage = 1_000 + back * 417;
      const subtotal = 4_900 + 2_400 + usage;
      const invoice = await client.query<{ id: string }>(
        `INSERT INTO invoices (tenant_id, id, subscription_id, plan_version_id, period_start, period_end, currency,
                               subtotal_minor, tax_minor, total_minor)
         VALUES ($1, gen_random_uuid(), $2, $3, $4, $5, 'USD', $6, 0, $6)
         ON CONFLICT (tenant_id, subscription_id, period_start) DO NOTHING RETURNING id`,
        [subscription.tenant_id, subscription.id, subscription.plan_version_id, start, end, subtotal],
      );
      if (invoice.rowCount !== 1) continue;
      const id = invoice.rows[0].id;
      const lines: [string, string, number, string | null][] = [
        ['BASE_FEE', 'Team plan', 4_900, null],
        ['SEATS', 'Seats', 2_400, null],
        ['USAGE', 'Messages sent', usage, subscription.metric_id],
      ];
      for (const [position, [kind, description, amount, metricId]] of lines.entries()) {
        await client.query(
          `INSERT INTO invoice_lines (tenant_id, id, invoice_id, position, kind, description, metric_id, quantity,
                                      unit_price, amount_minor, period_start, period_end)
           VALUES ($1, gen_random_uuid(), $2, $3, $4, $5, $6, 1, $7, $8, $9, $10)`,
          [subscription.tenant_id, id, position + 1, kind, description, metricId, amount / 100, amount, start, end],
        );
      }
      const paid = back > 2;
      // The open one falls due next week: overdue, it would get the shared tenant suspended by the
      // server's dunning round (every five minutes) under the tests that come after this one.
      const dueAt = paid ? new Date(end.getTime() + 14 * DAY) : new Date(now.getTime() + 7 * DAY);
      await client.query(
        `UPDATE invoices SET status = $3::"InvoiceStatus", number = $4, issued_at = $5, due_at = $6,
                amount_paid_minor = CASE WHEN $3::"InvoiceStatus" = 'PAID' THEN total_minor ELSE 0 END,
                paid_at = CASE WHEN $3::"InvoiceStatus" = 'PAID' THEN $5::timestamptz + interval '3 days' END
         WHERE tenant_id = $1 AND id = $2`,
        [
          subscription.tenant_id,
          id,
          paid ? 'PAID' : 'OPEN',
          `WB-1999-${String(Date.now() % 10_000).padStart(4, '0')}${back}0`,
          end,
          dueAt,
        ],
      );
    }
  });
}

/** Usage rows the DAY export of every tenant over the range should hold, counted from the rollups. */
async function expectedDayRows(from: Date, to: Date): Promise<number> {
  return withOwner(async (client) => {
    const { rows } = await client.query<{ count: string }>(
      `SELECT count(*) FROM (
         SELECT DISTINCT tenant_id, metric_id, period_start, date_trunc('day', hour, 'UTC')
         FROM usage_hourly_rollups WHERE hour >= $1 AND hour < $2) days`,
      [from, to],
    );
    return Number(rows[0].count);
  });
}

test('finance exports usage of every tenant, follows the job, downloads the file, and reads revenue', async ({
  page,
}) => {
  await prepare();
  await fillCredentials(page, FINANCE);
  await enrolSecondFactor(page, freshTotp);

  await mainNavigation(page).getByRole('link', { name: 'Exports' }).click();
  await expect(page.getByRole('heading', { name: 'Exports', exact: true })).toBeVisible();
  const form = page.getByRole('form', { name: 'New export' });
  const today = new Date();
  const first = new Date(today.getTime() - 30 * DAY);
  await form.getByLabel('First day').fill(first.toISOString().slice(0, 10));
  await form.getByLabel('Last day').fill(today.toISOString().slice(0, 10));
  await screenshot(page, '60-finance-exports-form');
  await form.getByRole('button', { name: 'Start export' }).click();

  await expect(form.getByText(/^Ready: [\d,]+ rows$/)).toBeVisible({ timeout: 30_000 });
  await screenshot(page, '61-finance-export-ready');
  const shown = Number((await form.getByText(/^Ready:/).innerText()).replace(/[^\d]/g, ''));

  const downloading = page.waitForEvent('download');
  await form.getByRole('button', { name: 'Download' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^usage-.*\.csv$/);
  const text = await readFile((await download.path()) as string, 'utf8');
  const [header, ...rows] = text.trimEnd().split('\n');
  expect(header).toBe(
    'tenant_id,tenant_slug,metric,aggregation,billing_period_start,bucket_start,bucket_end,value,event_count',
  );
  expect(rows.length).toBe(shown);
  const from = new Date(`${first.toISOString().slice(0, 10)}T00:00:00Z`);
  const to = new Date(Date.parse(`${today.toISOString().slice(0, 10)}T00:00:00Z`) + DAY);
  expect(rows.length).toBe(await expectedDayRows(from, to));
  expect(rows.some((row) => row.includes(',acme-chat,messages_sent,COUNT,'))).toBe(true);

  const jobs = page.getByRole('table', { name: 'Exports' });
  await expect(jobs.getByRole('row').nth(1)).toContainText('Usage per day, every tenant, CSV');
  await expect(jobs.getByRole('row').nth(1)).toContainText('succeeded');
  await screenshot(page, '62-finance-exports-list');

  await mainNavigation(page).getByRole('link', { name: 'Revenue' }).click();
  await expect(page.getByRole('heading', { name: 'Revenue' })).toBeVisible();
  await expect(page.locator('wb-revenue-chart canvas')).toBeVisible();
  const table = page.getByRole('table', { name: 'Revenue per month' });
  await expect(table.getByRole('row').filter({ hasText: /\$\d/ }).first()).toBeVisible();
  await screenshot(page, '63-finance-revenue');
});
