import { defineConfig } from '@playwright/test';
import { join } from 'node:path';

const baseURL = process.env['E2E_BASE_URL'] ?? `http://localhost:${process.env['E2E_PORT'] ?? '3100'}`;

/**
 * Browser tests of the console against the real API (built, on a fresh seeded database).
 * Chromium is the system one: no browser download is needed or possible here.
 */
export default defineConfig({
  testDir: './src',
  testMatch: '**/*.e2e.ts',
  outputDir: join(__dirname, '../../test-results/e2e-console'),
  // The tests share one seeded tenant and change its members.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env['CI'],
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL,
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  // With E2E_BASE_URL the tests run against a server someone else started.
  webServer: process.env['E2E_BASE_URL']
    ? undefined
    : {
        command: 'node tools/e2e/serve-for-e2e.mjs',
        cwd: join(__dirname, '../..'),
        url: `${baseURL}/readyz`,
        timeout: 180_000,
        reuseExistingServer: !process.env['CI'],
        stdout: 'pipe',
      },
});
