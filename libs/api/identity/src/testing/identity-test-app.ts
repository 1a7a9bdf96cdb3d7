import { startTestApp, type TestApp } from '@warbler/api/access/testing';
import type { AppConfig } from '@warbler/api/core';
import { IdentityModule } from '../lib/identity.module';

export type IdentityTestApp = TestApp;

/** The identity module over HTTP, as the API wires it. */
export function startIdentityApp(overrides: Partial<AppConfig> = {}): Promise<IdentityTestApp> {
  // Tests choose their client address with X-Forwarded-For, so per-IP limits stay apart.
  return startTestApp([IdentityModule], { config: { trustProxy: true, ...overrides } });
}
