import { expect, test } from '@playwright/test';
import { OWNER, PLATFORM_ADMIN, TENANT_NAME } from './support/accounts';
import { enrolSecondFactor, fillCredentials, mainNavigation, screenshot, signIn } from './support/console';
import { createStaffAccount } from './support/database';
import { freshTotp } from './support/totp';

const run = Date.now().toString(36);
const SUPPORT = { email: `support-${run}@warbler.test`, password: PLATFORM_ADMIN.password };
const REASON = `Owner reports missing invoices (${run})`;

test('support opens a read-only session with a reason, is refused a change, ends it; the owner sees it', async ({
  browser,
}) => {
  await createStaffAccount({
    email: SUPPORT.email,
    displayName: 'Sam Support',
    staffRole: 'SUPPORT',
    passwordOf: PLATFORM_ADMIN.email,
  });

  // 1. The engineer signs in (a second factor first, as all staff) and finds the tenant.
  const support = await browser.newPage();
  await fillCredentials(support, SUPPORT);
  await enrolSecondFactor(support, freshTotp);
  await mainNavigation(support).getByRole('link', { name: 'Support', exact: true }).click();
  await support.getByTestId('support-tenant-search').fill('Acme');
  await support.getByRole('button', { name: 'Search' }).click();
  const found = support.getByRole('table', { name: 'Tenants found' }).getByRole('row').filter({ hasText: TENANT_NAME });
  await expect(found).toContainText(OWNER.email);
  await screenshot(support, '80-support-find-tenant');

  // 2. A reason and a ticket are required; the session starts read-only, as the owner.
  await found.getByRole('link', { name: 'Start session' }).click();
  await support.getByTestId('start-support-session').click();
  await expect(support.getByText('Give a reason')).toBeVisible();
  await support.getByTestId('support-reason').fill(REASON);
  await support.getByTestId('support-ticket').fill(`SUP-${run}`);
  await screenshot(support, '81-support-start-session');
  await support.getByTestId('start-support-session').click();

  // 3. The banner names the tenant, the member and the mode, and counts down on every page.
  const banner = support.getByTestId('support-session-banner');
  await expect(banner).toContainText(TENANT_NAME);
  await expect(banner).toContainText(OWNER.email);
  await expect(banner).toContainText('Read-only');
  const remaining = support.getByTestId('support-session-remaining');
  await expect(remaining).toHaveText(/^(29|30):\d{2} left$/);
  const first = await remaining.textContent();
  await expect(remaining).not.toHaveText(first ?? '');
  await screenshot(support, '82-support-session-banner');

  // 4. Anything that changes the tenant is refused, with the reason in plain words.
  await mainNavigation(support).getByRole('link', { name: 'API keys' }).click();
  await expect(banner).toBeVisible();
  await support.getByTestId('create-api-key').click();
  const dialog = support.getByRole('dialog');
  await dialog.getByLabel('Name').fill('Made by support');
  await dialog.getByRole('checkbox').first().check();
  await dialog.getByRole('button', { name: 'Create key' }).click();
  await expect(dialog.getByRole('alert')).toContainText('This support session is read-only');
  await screenshot(support, '83-support-change-refused');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // 5. Ending the session returns the engineer to their own desk.
  await banner.getByRole('button', { name: 'End session' }).click();
  await expect(banner).toBeHidden();
  await expect(support.getByRole('heading', { name: 'Support', exact: true })).toBeVisible();
  await expect(support.getByText('No open session')).toBeVisible();
  await screenshot(support, '84-support-session-ended');

  // 6. The owner sees who, why and when: on the support access page and in the audit log.
  const owner = await browser.newPage();
  await signIn(owner, OWNER);
  await mainNavigation(owner).getByRole('link', { name: 'Support access' }).click();
  const sessions = owner.getByTestId('support-sessions');
  const row = sessions.getByRole('row').filter({ hasText: REASON });
  await expect(row).toContainText(SUPPORT.email);
  await expect(row).toContainText('Ended by support');
  await screenshot(owner, '85-owner-support-access');
  await mainNavigation(owner).getByRole('link', { name: 'Audit log' }).click();
  const log = owner.getByRole('table').first();
  await expect(log).toContainText('support_session.started');
  await expect(log).toContainText('support_session.ended');
  await expect(log).toContainText(SUPPORT.email);
  await screenshot(owner, '86-owner-audit-log-support');
});

test('a write session without the owner’s grant waits until a second staff member approves it', async ({ browser }) => {
  const engineer = { email: `support-write-${run}@warbler.test`, password: PLATFORM_ADMIN.password };
  const approver = { email: `approver-${run}@warbler.test`, password: PLATFORM_ADMIN.password };
  const reason = `Owner asked us to rotate a leaked key (${run})`;
  await createStaffAccount({
    ...engineer,
    displayName: 'Wes Write',
    staffRole: 'SUPPORT',
    passwordOf: PLATFORM_ADMIN.email,
  });
  await createStaffAccount({
    ...approver,
    displayName: 'Ada Approver',
    staffRole: 'PLATFORM_ADMIN',
    passwordOf: PLATFORM_ADMIN.email,
  });

  // 1. Support asks for a session that may change things: with no grant from the owner, it waits.
  const support = await browser.newPage();
  await fillCredentials(support, engineer);
  await enrolSecondFactor(support, freshTotp);
  await mainNavigation(support).getByRole('link', { name: 'Support', exact: true }).click();
  await support.getByTestId('support-tenant-search').fill('Acme');
  await support.getByRole('button', { name: 'Search' }).click();
  await support
    .getByRole('table', { name: 'Tenants found' })
    .getByRole('row')
    .filter({ hasText: TENANT_NAME })
    .getByRole('link', { name: 'Start session' })
    .click();
  await support.getByTestId('support-reason').fill(reason);
  await support.getByTestId('support-ticket').fill(`SUP-W-${run}`);
  await support.getByRole('combobox', { name: 'Mode' }).click();
  await support.getByRole('option', { name: /Can make changes/ }).click();
  await support.getByTestId('start-support-session').click();
  await expect(support.getByTestId('support-session-pending')).toContainText('Waiting for a platform admin');

  // 2. A platform admin sees who asks, as whom and why, and approves.
  const admin = await browser.newPage();
  await fillCredentials(admin, approver);
  await enrolSecondFactor(admin, freshTotp);
  await mainNavigation(admin).getByRole('link', { name: 'Support approvals' }).click();
  const waiting = admin
    .getByRole('table', { name: 'Support sessions waiting for approval' })
    .getByRole('row')
    .filter({ hasText: reason });
  await expect(waiting).toContainText(engineer.email);
  await expect(waiting).toContainText(OWNER.email);
  await screenshot(admin, '87-support-approvals');
  await waiting.getByRole('button', { name: /Approve/ }).click();
  await expect(admin.getByText('Nothing waits for approval')).toBeVisible();

  // 3. The engineer's page notices by itself and the session starts, able to make changes.
  const banner = support.getByTestId('support-session-banner');
  await expect(banner).toContainText('Can make changes', { timeout: 20_000 });
  await screenshot(support, '88-support-write-session-banner');
  await banner.getByRole('button', { name: 'End session' }).click();
  await expect(banner).toBeHidden();
});
