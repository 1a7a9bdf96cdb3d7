import { randomUUID } from 'node:crypto';
import { AccessTokens } from '../lib/access-tokens';
import type { StaffRole } from '@warbler/api/core';
import { ownerClient, testConfig } from '@warbler/api/core/testing';

/**
 * An access token for a user, backed by a real session row, so the actor resolver checks
 * it exactly as it checks a signed-in user's; signing in with a password is identity's
 * business and not what these tests are about.
 */
export async function bearerFor(user: { id: string; email: string; staffRole?: StaffRole | null }): Promise<string> {
  const session = await ownerClient().session.create({
    data: { id: randomUUID(), userId: user.id, expiresAt: new Date(Date.now() + 3_600_000), mfaPassed: true },
  });
  const { token } = new AccessTokens(testConfig()).sign({
    sub: user.id,
    sid: session.id,
    email: user.email,
    staff: user.staffRole ?? null,
    mfa: true,
  });
  return token;
}
