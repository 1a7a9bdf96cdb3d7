import { randomBytes, randomUUID } from 'node:crypto';
import { createPrismaClient } from '@warbler/api/core';
import { PasswordHasher } from '@warbler/api/identity';

export interface PlatformAdminAccount {
  email: string;
  displayName: string;
  password: string;
}

/**
 * The way into a fresh installation (no demo data, no staff yet): makes `email` a platform admin,
 * creating the account with `password` when there is none, as the schema owner. Running it again
 * changes nothing; an existing account keeps its password and sessions, and only gains the role.
 * Second factor: the console has the new admin enrol one at the first sign-in, as for every staff account.
 */
export async function ensurePlatformAdmin(
  databaseUrl: string,
  account: PlatformAdminAccount,
): Promise<{ userId: string; created: boolean }> {
  const owner = createPrismaClient(databaseUrl, { max: 1, applicationName: 'warbler-staff-bootstrap' });
  try {
    const email = account.email.trim().toLowerCase();
    const existing = await owner.user.findUnique({ where: { email }, select: { id: true } });
    if (existing) {
      await owner.user.update({ where: { id: existing.id }, data: { staffRole: 'PLATFORM_ADMIN' } });
      return { userId: existing.id, created: false };
    }
    const id = randomUUID();
    await owner.user.create({
      data: {
        id,
        email,
        displayName: account.displayName,
        passwordHash: await new PasswordHasher().hash(account.password),
        staffRole: 'PLATFORM_ADMIN',
      },
    });
    return { userId: id, created: true };
  } finally {
    await owner.$disconnect();
  }
}

/** A password for the first sign-in, printed once; long enough for any policy. */
export function oneTimePassword(): string {
  return randomBytes(18).toString('base64url');
}
