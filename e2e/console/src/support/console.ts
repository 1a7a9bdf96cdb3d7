import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const SCREENSHOTS = join(__dirname, '../../screenshots');

/** The tallest picture taken: long pages are cut there rather than making huge files. */
const MAX_SCREENSHOT_HEIGHT = 4000;

/**
 * A full-page picture of a key step, for people reviewing what the console shows. The console
 * scrolls inside its content pane, not the document, so the window is made as tall as that pane's
 * content for the picture, then put back.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const viewport = page.viewportSize();
  const overflow = await page.evaluate(() => {
    const pane = document.querySelector('mat-sidenav-content');
    return pane ? pane.scrollHeight - pane.clientHeight : 0;
  });
  if (viewport && overflow > 0) {
    await page.setViewportSize({
      width: viewport.width,
      height: Math.min(viewport.height + overflow, MAX_SCREENSHOT_HEIGHT),
    });
  }
  try {
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true, animations: 'disabled' });
  } finally {
    if (viewport && overflow > 0) await page.setViewportSize(viewport);
  }
}

export async function fillCredentials(page: Page, account: { email: string; password: string }): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Signs in an account without a second factor and waits for the console. */
export async function signIn(page: Page, account: { email: string; password: string }): Promise<void> {
  await fillCredentials(page, account);
  await expect(mainNavigation(page)).toBeVisible();
}

export function mainNavigation(page: Page) {
  return page.getByRole('navigation', { name: 'Main' });
}

/**
 * A staff account's first sign-in: enrols a second factor with the setup key shown, saves the
 * recovery codes, and waits for the console. Call it after `fillCredentials`.
 */
export async function enrolSecondFactor(page: Page, totp: (secret: string) => Promise<string>): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Set up two-factor authentication' })).toBeVisible();
  const setupKey = page.getByRole('textbox', { name: 'Setup key' });
  await expect(setupKey).not.toHaveValue('');
  await page.getByLabel('Authentication code').fill(await totp(await setupKey.inputValue()));
  // The codes show before the session is upgraded to "MFA passed"; leaving earlier lands back here.
  const upgraded = page.waitForResponse(
    (response) => response.url().endsWith('/graphql') && response.request().postDataJSON()?.operationName === 'Me',
  );
  await page.getByRole('button', { name: 'Turn on' }).click();
  await expect(page.getByText('Two-factor authentication is on.')).toBeVisible();
  await upgraded;
  await page.getByRole('button', { name: 'I have saved my codes' }).click();
  await expect(mainNavigation(page)).toBeVisible();
}
