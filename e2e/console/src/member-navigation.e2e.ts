import { expect, test } from '@playwright/test';
import { MEMBER } from './support/accounts';
import { mainNavigation, screenshot, signIn } from './support/console';

test('a member sees neither Members & seats nor the audit log', async ({ page }) => {
  await signIn(page, MEMBER);
  const nav = mainNavigation(page);

  await expect(nav.getByRole('link', { name: 'Overview' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Profile' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Members & seats' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Audit log' })).toHaveCount(0);
  await screenshot(page, '10-member-navigation');
});
