import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPrismaClient, loadConfig, type StaffRole, tenantClient, type TenantRole } from '@warbler/api/core';
import { AuditLog } from '@warbler/api/audit';
import { MfaSecretBox, PasswordHasher } from '@warbler/api/identity';
import { generateApiKey, hashApiKey, parseApiKey } from '@warbler/api/access';
import { seedDemoCatalog } from './demo-catalog';
import { type DemoTraffic, seedDemoUsage } from './demo-usage';

/**
 * Demo data for `npm start`: two tenants of a chat/IM cloud's customers, their people
 * with every tenant role, and a staff account. Runs once: a database that already has
 * the demo tenant is left alone. Writes as the schema owner, one tenant transaction
 * at a time, since row-level security applies to the owner too.
 */
interface DemoAccount {
  email: string;
  password: string;
  displayName: string;
  note: string;
  /** Base32 TOTP secret of a demo account that signs in with MFA. */
  totpSecret?: string;
  staffRole?: StaffRole;
}

const accounts = JSON.parse(readFileSync(join(__dirname, 'demo-accounts.json'), 'utf8')) as DemoAccount[];
const demoKey = JSON.parse(readFileSync(join(__dirname, 'demo-api-key.json'), 'utf8')) as {
  tenant: string;
  name: string;
  key: string;
};

const DAY_MS = 24 * 3600 * 1000;

const TENANTS: {
  slug: string;
  name: string;
  /** The plan version ("code@version") and how many days into its current period the tenant is. */
  plan: string;
  daysIntoPeriod: number;
  /** Seats paid for: the plan's included seats and, for Acme, a few more. */
  seatQuantity: number;
  traffic: DemoTraffic['perDay'] & { userBase: number };
  members: [email: string, role: TenantRole, seat: boolean][];
}[] = [
  {
    slug: 'acme-chat',
    name: 'Acme Chat',
    plan: 'team@1',
    daysIntoPeriod: 21,
    seatQuantity: 8,
    traffic: { messages: 1500, apiCalls: 600, activeUsers: 200, aiCalls: 60, userBase: 900 },
    members: [
      ['owner@acme.test', 'OWNER', true],
      ['admin@acme.test', 'ADMIN', true],
      ['billing@acme.test', 'BILLING_ADMIN', false],
      ['member@acme.test', 'MEMBER', true],
      ['mfa@acme.test', 'ADMIN', true],
    ],
  },
  {
    slug: 'globex-messaging',
    name: 'Globex Messaging',
    plan: 'free@2',
    daysIntoPeriod: 9,
    seatQuantity: 3,
    // Close to the Free plan's limits, so its quota warnings show.
    traffic: { messages: 1150, apiCalls: 400, activeUsers: 30, aiCalls: 3, userBase: 95 },
    members: [
      ['owner@globex.test', 'OWNER', true],
      ['owner@acme.test', 'MEMBER', false],
    ],
  },
];

async function main() {
  const config = loadConfig();
  const owner = createPrismaClient(config.databaseUrl, { max: 2, applicationName: 'warbler-seed' });
  try {
    if (await owner.user.findUnique({ where: { email: 'owner@acme.test' } })) {
      console.log('demo data is already there');
      return;
    }
    const passwords = new PasswordHasher();
    const mfaSecrets = new MfaSecretBox(config);
    const users = new Map<string, string>();
    for (const account of accounts) {
      const id = randomUUID();
      users.set(account.email, id);
      await owner.user.create({
        data: {
          id,
          email: account.email,
          displayName: account.displayName,
          passwordHash: await passwords.hash(account.password),
          staffRole: account.staffRole ?? null,
          ...(account.totpSecret && { mfaSecret: mfaSecrets.seal(id, account.totpSecret), mfaEnabledAt: new Date() }),
        },
      });
    }
    const planVersions = await seedDemoCatalog(owner);
    const audit = new AuditLog();
    const traffic: DemoTraffic[] = [];
    for (const tenant of TENANTS) {
      const tenantId = randomUUID();
      const [ownerEmail] = tenant.members[0];
      const ownerActor = {
        userId: users.get(ownerEmail) as string,
        email: ownerEmail,
        impersonatorUserId: null,
        requestId: 'seed',
        ip: null,
        tenantId,
      };
      await tenantClient(owner, tenantId).transaction(async (tx) => {
        await tx.tenant.create({
          data: { id: tenantId, slug: tenant.slug, name: tenant.name },
        });
        const periodStart = new Date(Math.floor(Date.now() / DAY_MS - tenant.daysIntoPeriod) * DAY_MS);
        const periodEnd = new Date(periodStart);
        periodEnd.setUTCMonth(periodEnd.getUTCMonth() + 1);
        await tx.subscription.create({
          data: {
            tenantId,
            id: randomUUID(),
            planVersionId: planVersions.get(tenant.plan) as string,
            currentPeriodStart: periodStart,
            currentPeriodEnd: periodEnd,
            billingAnchorAt: periodStart,
            seatQuantity: tenant.seatQuantity,
          },
        });
        // The key the tenant's software reports usage with; Acme's is published in the README.
        const key = tenant.slug === demoKey.tenant ? demoKey.key : generateApiKey().key;
        const apiKeyId = randomUUID();
        const prefix = parseApiKey(key)?.prefix as string;
        await tx.apiKey.create({
          data: {
            tenantId,
            id: apiKeyId,
            name: tenant.slug === demoKey.tenant ? demoKey.name : 'Chat backend',
            prefix,
            keyHash: hashApiKey(key),
            scopes: ['usage:write', 'quota:read'],
            createdByUserId: ownerActor.userId,
          },
        });
        traffic.push({
          caller: { tenantId, apiKeyId, prefix, scopes: ['usage:write', 'quota:read'] },
          periodStart,
          perDay: tenant.traffic,
          userBase: tenant.traffic.userBase,
        });
        // The history an owner would have made by inviting each person, so the audit
        // log of a fresh demo has something to show and verify.
        for (const [email, role, seat] of tenant.members) {
          const id = randomUUID();
          await tx.membership.create({
            data: { tenantId, id, userId: users.get(email) as string, role, seatAssigned: seat },
          });
          if (email !== ownerEmail) {
            await audit.record(tx, ownerActor, {
              action: 'member.invited',
              targetType: 'Member',
              targetId: id,
              after: { email, role },
            });
          }
          if (seat) {
            await audit.record(tx, ownerActor, {
              action: 'member.seat_assigned',
              targetType: 'Member',
              targetId: id,
              before: { seatAssigned: false },
              after: { seatAssigned: true },
            });
          }
        }
      });
    }
    const events = await seedDemoUsage(traffic);
    console.log(`demo data created: ${TENANTS.length} tenants, ${accounts.length} users, ${events} usage events`);
  } finally {
    await owner.$disconnect();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
