import type { StaffRole } from '@warbler/api/core';
import { PasswordHasher } from '../lib/passwords/password-hasher';
// Core's test factories have no public entry point (no path alias), hence the relative import.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { newUser } from '../../../core/src/testing';

// eslint-disable-next-line @nx/enforce-module-boundaries
export * from '../../../core/src/testing';

export const PASSWORD = 'correct horse battery staple';

/** A user who can sign in with PASSWORD. */
export async function newUserWithPassword(overrides: { staffRole?: StaffRole; email?: string } = {}) {
  return newUser({ ...overrides, passwordHash: await new PasswordHasher().hash(PASSWORD) });
}
