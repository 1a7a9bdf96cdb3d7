import { expect, test } from '@playwright/test';
import { OWNER, TENANT_NAME } from './support/accounts';
import { mainNavigation, screenshot, signIn } from './support/console';

const INVITEE = {
  email: 'new-person@example.test',
  name: 'New Person',
  password: 'new-person-password-1',
};

test('an owner invites a new member, who signs up; the owner then changes their role and removes them', async ({
  page,
  browser,
  baseURL,
}) => {
  await signIn(page, OWNER);
  await mainNavigation(page).getByRole('link', { name: 'Members & seats' }).click();
  await expect(page.getByRole('table', { name: 'Members' })).toBeVisible();

  await page.getByRole('button', { name: 'Invite member' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Email').fill(INVITEE.email);
  await dialog.getByRole('combobox', { name: 'Role' }).click();
  await page.getByRole('option', { name: 'Member', exact: true }).click();
  await dialog.getByRole('checkbox', { name: 'Assign a seat when they join' }).check();
  await screenshot(page, '04-invite-dialog');
  await dialog.getByRole('button', { name: 'Send invitation' }).click();

  const link = dialog.getByTestId('accept-link').locator('input');
  await expect(link).toHaveValue(/\/invite\/.+/);
  await dialog.getByRole('button', { name: 'Copy Invitation link' }).click();
  await expect(dialog.getByText('Copied to the clipboard')).toBeVisible();
  await screenshot(page, '05-invite-link');
  const acceptUrl = await link.inputValue();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('table', { name: 'Pending invitations' })).toContainText(INVITEE.email);

  // The invitee: a different browser with no session, opening the link they were sent.
  const inviteeContext = await browser.newContext({ baseURL });
  const invitee = await inviteeContext.newPage();
  const { pathname } = new URL(acceptUrl);
  await invitee.goto(pathname);
  await expect(invitee.getByRole('heading', { name: `Join ${TENANT_NAME}` })).toBeVisible();
  await invitee.getByLabel('Your name').fill(INVITEE.name);
  await invitee.getByLabel('Password').fill(INVITEE.password);
  await screenshot(invitee, '06-accept-invitation');
  await invitee.getByRole('button', { name: 'Create account and join' }).click();
  await expect(invitee.getByTestId('overview-tenant')).toHaveText(TENANT_NAME);
  await screenshot(invitee, '07-invitee-in-tenant');
  await inviteeContext.close();

  // Back with the owner: the list is read afresh when the page opens again.
  await mainNavigation(page).getByRole('link', { name: 'Overview' }).click();
  await mainNavigation(page).getByRole('link', { name: 'Members & seats' }).click();
  const row = page.locator(`tr[data-email="${INVITEE.email}"]`);
  await expect(row).toContainText(INVITEE.name);
  await expect(row.getByRole('switch', { name: `Seat for ${INVITEE.name}` })).toBeChecked();

  await row.getByRole('combobox', { name: `Role of ${INVITEE.name}` }).click();
  await page.getByRole('option', { name: 'Admin', exact: true }).click();
  await expect(page.getByText(`${INVITEE.name} is now an admin`)).toBeVisible();
  await expect(row.getByRole('combobox', { name: `Role of ${INVITEE.name}` })).toContainText('Admin');
  await screenshot(page, '08-role-changed');

  await row.getByRole('button', { name: `Actions for ${INVITEE.name}` }).click();
  await page.getByRole('menuitem', { name: 'Remove from tenant' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(page.getByText(`${INVITEE.name} was removed`)).toBeVisible();
  await expect(row).toHaveCount(0);
  await screenshot(page, '09-member-removed');
});
