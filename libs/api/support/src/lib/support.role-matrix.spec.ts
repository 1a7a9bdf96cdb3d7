import { AuditModule } from '@warbler/api/audit';
import {
  type Caller,
  closeOwnerClient,
  dataOf,
  graphql,
  outcome,
  ownerClient,
  staffMember,
  startTestApp,
  SupportOps,
  type SupportSessionView,
  supportTenant,
  type TestApp,
} from '../testing';
import { SupportModule } from './support.module';

type Who = 'OWNER' | 'ADMIN' | 'BILLING_ADMIN' | 'MEMBER' | 'SUPPORT' | 'FINANCE' | 'PLATFORM_ADMIN' | 'ANONYMOUS';
const WHO: Who[] = ['OWNER', 'ADMIN', 'BILLING_ADMIN', 'MEMBER', 'SUPPORT', 'FINANCE', 'PLATFORM_ADMIN', 'ANONYMOUS'];

interface World {
  tenantId: string;
  /** An active READ_ONLY session the world's SUPPORT engineer opened. */
  sessionId: string;
  /** A WRITE session of the same engineer waiting for approval. */
  pendingId: string;
}

const FAR = () => new Date(Date.now() + 24 * 3600 * 1000).toISOString();

/**
 * Each operation, and the outcome for each caller in the order of WHO: the four tenant roles working
 * in the tenant, the three staff roles working in none, and nobody signed in.
 */
const ROWS: [string, string, (world: World) => Record<string, unknown>, string[]][] = [
  ['supportTenants', SupportOps.supportTenants, () => ({ search: 'Tenant' }), only('SUPPORT')],
  ['supportViewableMembers', SupportOps.supportViewableMembers, (w) => ({ tenantId: w.tenantId }), only('SUPPORT')],
  [
    'startSupportSession',
    SupportOps.startSupportSession,
    // SUPPORT's retry of the start that opened the world's session: answered with that session.
    (w) => ({ input: { tenantId: w.tenantId, reason: 'matrix', ticketReference: 'M-0', mode: 'READ_ONLY' } }),
    only('SUPPORT'),
  ],
  ['mySupportSessions', SupportOps.mySupportSessions, () => ({}), only('SUPPORT')],
  ['pendingSupportSessions', SupportOps.pendingSupportSessions, () => ({}), only('PLATFORM_ADMIN')],
  [
    'approveSupportSession',
    SupportOps.approveSupportSession,
    (w) => ({ id: w.pendingId, tenantId: w.tenantId }),
    only('PLATFORM_ADMIN'),
  ],
  [
    'endSupportSession',
    SupportOps.endSupportSession,
    (w) => ({ id: w.sessionId, tenantId: w.tenantId }),
    only('OWNER', 'SUPPORT', 'PLATFORM_ADMIN'),
  ],
  [
    'supportSession',
    SupportOps.supportSession,
    (w) => ({ id: w.sessionId, tenantId: w.tenantId }),
    only('OWNER', 'ADMIN', 'SUPPORT', 'PLATFORM_ADMIN'),
  ],
  ['supportSessions', SupportOps.supportSessions, () => ({}), only('OWNER', 'ADMIN')],
  ['supportSessionRequests', SupportOps.supportSessionRequests, (w) => ({ id: w.sessionId }), only('OWNER', 'ADMIN')],
  ['supportAccess', SupportOps.supportAccess, () => ({}), only('OWNER', 'ADMIN')],
  ['setSupportAccess', SupportOps.setSupportAccess, () => ({ access: 'REFUSED' }), only('OWNER')],
  ['grantSupportWrite', SupportOps.grantSupportWrite, () => ({ until: FAR() }), only('OWNER')],
  ['revokeSupportWrite', SupportOps.revokeSupportWrite, () => ({}), only('OWNER')],
];

function only(...allowed: Who[]): string[] {
  return WHO.map((who) => (who === 'ANONYMOUS' ? 'UNAUTHENTICATED' : allowed.includes(who) ? 'OK' : 'FORBIDDEN'));
}

describe('who may do what with support sessions', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp([AuditModule, SupportModule]);
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
  });

  const cells = ROWS.flatMap(([operation, query, variables, expected]) =>
    WHO.map((who, index) => [operation, who, expected[index], query, variables] as const),
  );

  it.each(cells)('%s by %s: %s', async (_operation, who, expected, query, variables) => {
    const tenant = await supportTenant();
    const staff = {
      SUPPORT: await staffMember('SUPPORT'),
      FINANCE: await staffMember('FINANCE'),
      PLATFORM_ADMIN: await staffMember('PLATFORM_ADMIN'),
    };
    const open = async (mode: string, engineer = staff.SUPPORT) =>
      dataOf(
        await graphql<{ startSupportSession: SupportSessionView }>(
          app,
          engineer.caller,
          SupportOps.startSupportSession,
          {
            input: { tenantId: tenant.tenantId, reason: 'matrix', ticketReference: 'M-0', mode },
          },
        ),
      ).startSupportSession.id;
    const world: World = {
      tenantId: tenant.tenantId,
      sessionId: await open('READ_ONLY'),
      // An engineer has one open session per tenant: the pending one is a colleague's.
      pendingId: await open('WRITE', await staffMember('SUPPORT')),
    };
    const state = async () => ({
      sessions: await ownerClient().supportSession.findMany({
        where: { tenantId: tenant.tenantId },
        orderBy: { id: 'asc' },
      }),
      tenant: await ownerClient().tenant.findUnique({ where: { id: tenant.tenantId } }),
      audit: await ownerClient().auditEvent.count({ where: { tenantId: tenant.tenantId } }),
    });
    const before = await state();
    let caller: Caller | null = null;
    if (who === 'SUPPORT' || who === 'FINANCE' || who === 'PLATFORM_ADMIN') caller = staff[who].caller;
    else if (who !== 'ANONYMOUS') caller = tenant[who].caller;

    const answer = await graphql(app, caller, query, variables(world));

    expect(outcome(answer).split(':')[0]).toBe(expected);
    if (expected !== 'OK') expect(await state()).toEqual(before);
  });
});
