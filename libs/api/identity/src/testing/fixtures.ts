import type { StaffRole } from '@warbler/api/core';
import { PasswordHasher } from '../lib/passwords/password-hasher';
import { newUser } from '@warbler/api/core/testing';

export * from '@warbler/api/core/testing';

export const PASSWORD = 'correct horse battery staple';

/** A user who can sign in with PASSWORD. */
export async function newUserWithPassword(overrides: { staffRole?: StaffRole; email?: string } = {}) {
  return newUser({ ...overrides, passwordHash: await new PasswordHasher().hash(PASSWORD) });
}
