import { expect, test } from '@playwright/test';
import { MFA_ADMIN, MFA_SECRET, TENANT_NAME } from './support/accounts';
import { fillCredentials, mainNavigation, screenshot } from './support/console';
import { freshTotp } from './support/totp';

test('an admin with two-factor authentication signs in with an authenticator code', async ({ page }) => {
  await page.goto('/login');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await screenshot(page, '01-login');

  await fillCredentials(page, MFA_ADMIN);
  await expect(page.getByText('Enter the 6-digit code from your authenticator app.')).toBeVisible();
  await screenshot(page, '02-login-mfa-step');

  await page.getByLabel('Authentication code').fill(await freshTotp(MFA_SECRET));
  await page.getByRole('button', { name: 'Verify' }).click();

  await expect(mainNavigation(page)).toBeVisible();
  await expect(page.getByTestId('overview-tenant')).toHaveText(TENANT_NAME);
  await expect(page.getByTestId('tenant-switcher')).toContainText(TENANT_NAME);
  await screenshot(page, '03-shell-after-mfa');
});
