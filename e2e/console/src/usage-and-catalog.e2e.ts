import { expect, type Page, test } from '@playwright/test';
import { ADMIN, GLOBEX_OWNER, OWNER, PLATFORM_ADMIN, TENANT_NAME, TENANT_SLUG } from './support/accounts';
import { fillCredentials, mainNavigation, screenshot, signIn } from './support/console';
import { movePlan } from './support/database';
import { freshTotp } from './support/totp';

const PLAN = { code: 'e2e-starter', name: 'Starter' };
const MESSAGE_LIMIT = 5;

interface IngestionResponse {
  accepted: number;
  duplicates: number;
  rejected: number;
  results: {
    idempotency_key: string;
    status: 'accepted' | 'duplicate' | 'rejected';
    reason?: string;
    quota?: { metric: string; limit: string; used: string; resets_at: string };
  }[];
}

function messages(from: number, count: number) {
  return Array.from({ length: count }, (_, index) => ({
    metric: 'messages_sent',
    quantity: '1',
    timestamp: new Date().toISOString(),
    idempotency_key: `e2e-message-${from + index}`,
    properties: { channel: 'general' },
  }));
}

function usageRow(page: Page, metricCode: string) {
  return page.getByRole('table', { name: 'Usage this period' }).getByRole('row').filter({ hasText: metricCode });
}

function metricCard(page: Page, metricName: string) {
  return page.locator('mat-card').filter({ has: page.getByRole('heading', { name: metricName, exact: true }) });
}

test('the seeded tenants show their usage, quota warnings, keys and notifications', async ({ page, browser }) => {
  await signIn(page, OWNER);
  await mainNavigation(page).getByRole('link', { name: 'Usage' }).click();
  await expect(page.getByTestId('usage-period')).toContainText('Team');
  await expect(usageRow(page, 'messages_sent')).toBeVisible();
  await expect(page.locator('wb-usage-chart canvas').first()).toBeVisible();
  await screenshot(page, '11-usage-acme');

  await mainNavigation(page).getByRole('link', { name: 'API keys' }).click();
  await expect(page.getByRole('table', { name: 'API keys' })).toContainText('Chat backend (demo)');
  await screenshot(page, '12-api-keys-acme');

  const globex = await browser.newPage();
  await signIn(globex, GLOBEX_OWNER);
  await mainNavigation(globex).getByRole('link', { name: 'Usage' }).click();
  await expect(usageRow(globex, 'messages_sent')).toBeVisible();
  await expect(globex.locator('wb-quota-status-chip').filter({ hasText: 'Warning' }).first()).toBeVisible();
  await screenshot(globex, '13-usage-globex-near-limits');

  await globex.getByTestId('notifications').click();
  await expect(globex.getByRole('menu')).toContainText('80%');
  await screenshot(globex, '14-notifications-globex');
  await globex.close();
});

test('a platform admin prices a plan with tiers and a hard quota; a tenant admin sends usage past it with a new key', async ({
  page,
  browser,
  request,
}) => {
  // 1. The platform admin: first sign-in, so two-factor enrolment comes before anything else.
  await fillCredentials(page, PLATFORM_ADMIN);
  await expect(page.getByRole('heading', { name: 'Set up two-factor authentication' })).toBeVisible();
  const setupKey = page.getByRole('textbox', { name: 'Setup key' });
  await expect(setupKey).not.toHaveValue('');
  await screenshot(page, '20-staff-mfa-enrolment');
  await page.getByLabel('Authentication code').fill(await freshTotp(await setupKey.inputValue()));
  // The codes show before the session is upgraded to "MFA passed"; leaving earlier lands back here.
  const upgraded = page.waitForResponse(
    (response) => response.url().endsWith('/graphql') && response.request().postDataJSON()?.operationName === 'Me',
  );
  await page.getByRole('button', { name: 'Turn on' }).click();
  await expect(page.getByText('Two-factor authentication is on.')).toBeVisible();
  await upgraded;
  await page.getByRole('button', { name: 'I have saved my codes' }).click();
  await expect(mainNavigation(page)).toBeVisible();
  await expect(page.getByText('Platform staff', { exact: true })).toBeVisible();
  await screenshot(page, '20b-staff-overview');

  await mainNavigation(page).getByRole('link', { name: 'Plans' }).click();
  await expect(page.getByRole('table', { name: 'Plans' })).toContainText('Enterprise');
  await screenshot(page, '21-catalog-plans');

  await page.getByRole('button', { name: 'New plan' }).click();
  const newPlan = page.getByRole('dialog');
  await newPlan.getByLabel('Code').fill(PLAN.code);
  await newPlan.getByLabel('Name').fill(PLAN.name);
  await newPlan.getByLabel('Description').fill('Small teams, a few messages, paid per message in tiers.');
  await newPlan.getByRole('button', { name: 'Create plan' }).click();
  await expect(page.getByRole('heading', { name: PLAN.name, level: 1 })).toBeVisible();

  const terms = page.getByRole('form', { name: 'Draft terms' });
  await terms.getByLabel('Base fee (USD)').fill('19');
  await terms.getByLabel('Included seats').fill('3');
  await terms.getByLabel('Maximum seats').fill('10');

  await terms.getByRole('button', { name: 'Add charge' }).click();
  const charge = terms.getByRole('group', { name: 'Charge 1' });
  await charge.getByRole('combobox', { name: 'Metric' }).click();
  await page.getByRole('option', { name: 'Messages sent (messages_sent)' }).click();
  await charge.getByRole('combobox', { name: 'Model' }).click();
  await page.getByRole('option', { name: 'Graduated tiers' }).click();
  const firstTier = charge.getByRole('group', { name: 'Tier 1' });
  await firstTier.getByLabel('Up to').fill('1000');
  await firstTier.getByLabel('Unit price (USD)').fill('0.002');
  await charge.getByRole('button', { name: 'Add tier' }).click();
  const secondTier = charge.getByRole('group', { name: 'Tier 2' });
  await expect(secondTier.getByLabel('From')).toHaveValue('1000');
  await secondTier.getByLabel('Unit price (USD)').fill('0.001');

  await terms.getByRole('button', { name: 'Add quota' }).click();
  const quota = terms.getByRole('group', { name: 'Quota 1' });
  await quota.getByRole('combobox', { name: 'Metric' }).click();
  await page.getByRole('option', { name: 'Messages sent (messages_sent)' }).click();
  await quota.getByLabel('Limit per period').fill(String(MESSAGE_LIMIT));
  await expect(quota.getByRole('combobox', { name: 'Enforcement' })).toContainText('Hard');
  await screenshot(page, '22-plan-draft-with-tiers-and-quota');

  await terms.getByRole('button', { name: 'Publish v1' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByText('v1 published')).toBeVisible();
  const versions = page.getByRole('table', { name: 'Versions' });
  await expect(versions).toContainText('Published · latest');
  await expect(versions).toContainText('1 · 1');
  await expect(terms).toHaveCount(0);
  await screenshot(page, '23-plan-published');

  // Setup without a screen yet: plan changes arrive with the subscription lifecycle (next issue).
  await movePlan(TENANT_SLUG, PLAN.code);

  // 2. The tenant admin creates a key; its secret is shown once.
  const admin = await browser.newPage();
  await signIn(admin, ADMIN);
  await expect(admin.getByTestId('overview-tenant')).toHaveText(TENANT_NAME);
  await mainNavigation(admin).getByRole('link', { name: 'API keys' }).click();
  await admin.getByRole('button', { name: 'Create key' }).click();
  const create = admin.getByRole('dialog');
  await create.getByLabel('Name').fill('Browser test ingest');
  await create.getByRole('checkbox', { name: /Read quotas/ }).check();
  await create.getByRole('button', { name: 'Create key' }).click();
  const shownOnce = create.getByRole('figure', { name: 'API key Browser test ingest' }).getByTestId('api-key-secret');
  await expect(shownOnce).toHaveText(/^wbk_[A-Za-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
  const secret = (await shownOnce.textContent()) ?? '';
  await screenshot(admin, '24-api-key-shown-once');
  await create.getByRole('button', { name: "I've saved the key" }).click();
  const keyRow = admin.getByRole('row').filter({ hasText: 'Browser test ingest' });
  await expect(keyRow).toContainText(secret.slice(0, 17));
  await expect(keyRow).not.toContainText(secret.slice(17));
  await screenshot(admin, '25-api-keys-after-create');

  // 3. The tenant's software sends usage with the key; the Usage page shows it.
  const auth = { Authorization: `Bearer ${secret}` };
  const first = await request.post('/v1/usage/events', { headers: auth, data: { events: messages(1, 3) } });
  expect(first.status()).toBe(200);
  expect(((await first.json()) as IngestionResponse).accepted).toBe(3);

  await mainNavigation(admin).getByRole('link', { name: 'Usage' }).click();
  await expect(admin).toHaveURL(/\/usage$/);
  await admin.reload();
  await expect(admin.getByTestId('usage-period')).toContainText(PLAN.name);
  const row = usageRow(admin, 'messages_sent');
  await expect(row.getByRole('cell').nth(1)).toHaveText('3 messages');
  await expect(row.getByRole('cell').nth(2)).toContainText(`${MESSAGE_LIMIT}`);
  await expect(row).toContainText('60%');
  await expect(row).toContainText('OK');
  const card = metricCard(admin, 'Messages sent');
  await expect(card).toContainText(`3 messages used of ${MESSAGE_LIMIT}`);
  await expect(card.getByRole('img')).toHaveAttribute('aria-label', /3 messages used of 5/);
  await screenshot(admin, '26-usage-after-events');

  // 4. Past the hard limit: the extra events are refused, and the page shows the quota reached.
  const second = await request.post('/v1/usage/events', { headers: auth, data: { events: messages(4, 4) } });
  expect(second.status()).toBe(200);
  const body = (await second.json()) as IngestionResponse;
  expect(body).toMatchObject({ accepted: 2, duplicates: 0, rejected: 2 });
  expect(body.results.map((result) => result.reason ?? result.status)).toEqual([
    'accepted',
    'accepted',
    'QUOTA_EXCEEDED',
    'QUOTA_EXCEEDED',
  ]);
  expect(body.results[2].quota).toMatchObject({ metric: 'messages_sent', limit: '5', used: '5' });

  const quotas = await request.get('/v1/quotas/messages_sent', { headers: auth });
  expect(await quotas.json()).toMatchObject({ limit: '5', used: '5', remaining: '0', enforcement: 'HARD' });

  await admin.reload();
  await expect(row.getByRole('cell').nth(1)).toHaveText('5 messages');
  await expect(row).toContainText('100%');
  await expect(row.locator('wb-quota-status-chip')).toHaveText('Exceeded');
  await expect(card).toContainText(`5 messages used of ${MESSAGE_LIMIT}`);
  await screenshot(admin, '27-usage-quota-exceeded');

  await admin.getByTestId('notifications').click();
  await expect(admin.getByRole('menu')).toContainText('100%');
  await screenshot(admin, '28-notifications-quota');
  await admin.close();
});
