import { randomUUID } from 'node:crypto';
import { nextPeriodEnd } from '@warbler/shared/pricing';
import { loadConfig, type AppConfig } from '../lib/config/app-config';
import { createPrismaClient, type PrismaClient } from '../lib/database/prisma-client';
import type { Actor, TenantActor } from '../lib/context/actor';
import type { StaffRole, TenantRole } from '../generated/prisma/enums';

/**
 * Small factories for tests on the real test database. They write as the owner
 * (superuser in tests), the way an operator or the seed would; the code under test
 * runs as warbler_app through the same Database class the API uses.
 */
let owner: PrismaClient | undefined;

export function testConfig(): AppConfig {
  return loadConfig({ ...process.env, NODE_ENV: 'test' });
}

export function ownerClient(): PrismaClient {
  owner ??= createPrismaClient(testConfig().databaseUrl, { max: 2, applicationName: 'warbler-test-owner' });
  return owner;
}

export async function closeOwnerClient(): Promise<void> {
  await owner?.$disconnect();
  owner = undefined;
}

const unique = () => randomUUID().slice(0, 8);

/**
 * A tenant on its own plan version whose seat maximum is `seatLimit`, with a monthly
 * period that started a day ago.
 */
export async function newTenant(overrides: { name?: string; seatLimit?: number } = {}) {
  const suffix = unique();
  const db = ownerClient();
  const plan = await db.plan.create({
    data: { id: randomUUID(), code: `fixture-${suffix}`, name: `Fixture plan ${suffix}` },
  });
  const planVersion = await db.planVersion.create({
    data: {
      id: randomUUID(),
      planId: plan.id,
      version: 1,
      status: 'PUBLISHED',
      publishedAt: new Date(),
      currency: 'USD',
      interval: 'MONTH',
      maxSeats: overrides.seatLimit ?? 10,
    },
  });
  const tenant = await db.tenant.create({
    data: { id: randomUUID(), slug: `t-${suffix}`, name: overrides.name ?? `Tenant ${suffix}` },
  });
  const periodStart = new Date(Date.now() - 24 * 3600 * 1000);
  await db.subscription.create({
    data: {
      tenantId: tenant.id,
      id: randomUUID(),
      planVersionId: planVersion.id,
      currentPeriodStart: periodStart,
      currentPeriodEnd: nextPeriodEnd(periodStart, 'MONTH'),
      billingAnchorAt: periodStart,
      seatQuantity: planVersion.maxSeats,
    },
  });
  return { ...tenant, seatLimit: planVersion.maxSeats, planVersionId: planVersion.id };
}

/** A placeholder argon2id hash: fixtures that never log in need no real password. */
const NO_PASSWORD = '$argon2id$v=19$m=19456,t=2,p=1$bm8tcGFzc3dvcmQ$bm8tcGFzc3dvcmQ';

export async function newUser(
  overrides: { email?: string; staffRole?: StaffRole; passwordHash?: string; displayName?: string } = {},
) {
  const suffix = unique();
  return ownerClient().user.create({
    data: {
      id: randomUUID(),
      email: overrides.email ?? `user-${suffix}@example.test`,
      displayName: overrides.displayName ?? `User ${suffix}`,
      passwordHash: overrides.passwordHash ?? NO_PASSWORD,
      staffRole: overrides.staffRole ?? null,
    },
  });
}

export async function newMember(
  tenantId: string,
  role: TenantRole,
  overrides: { seatAssigned?: boolean; email?: string } = {},
) {
  const user = await newUser({ email: overrides.email });
  const membership = await ownerClient().membership.create({
    data: { tenantId, id: randomUUID(), userId: user.id, role, seatAssigned: overrides.seatAssigned ?? false },
  });
  return { user, membership };
}

export function actorFor(
  member: {
    user: { id: string; email: string; staffRole?: StaffRole | null };
    membership: { tenantId: string; id: string; role: TenantRole };
  },
  overrides: Partial<Actor> = {},
): TenantActor {
  return {
    userId: member.user.id,
    email: member.user.email,
    sessionId: randomUUID(),
    staffRole: member.user.staffRole ?? null,
    tenantId: member.membership.tenantId,
    tenantRole: member.membership.role,
    membershipId: member.membership.id,
    impersonatorUserId: null,
    mfaSatisfied: true,
    requestId: `test-${unique()}`,
    ip: '127.0.0.1',
    ...overrides,
  } as TenantActor;
}
