import { AuditModule } from '@warbler/api/audit';
import {
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
  type SupportTenant,
  type TestApp,
} from '../testing';
import { SupportModule } from './support.module';
import { SupportSessionsService } from './support-sessions.service';

/** Tenant A's owner against tenant B's support sessions and settings. */
describe('support session isolation: A can neither see nor change B’s', () => {
  let app: TestApp;
  let a: SupportTenant;
  let b: SupportTenant;
  let aSession: SupportSessionView;
  let bSession: SupportSessionView;
  const bState = async () => ({
    sessions: await ownerClient().supportSession.findMany({ where: { tenantId: b.tenantId } }),
    tenant: await ownerClient().tenant.findUnique({ where: { id: b.tenantId } }),
    audit: await ownerClient().auditEvent.count({ where: { tenantId: b.tenantId } }),
  });
  let bBefore: Awaited<ReturnType<typeof bState>>;

  beforeAll(async () => {
    app = await startTestApp([AuditModule, SupportModule]);
    a = await supportTenant();
    b = await supportTenant();
    const support = await staffMember('SUPPORT');
    const open = async (tenantId: string) =>
      dataOf(
        await graphql<{ startSupportSession: SupportSessionView }>(
          app,
          support.caller,
          SupportOps.startSupportSession,
          {
            input: { tenantId, reason: 'isolation', ticketReference: 'I-1' },
          },
        ),
      ).startSupportSession;
    aSession = await open(a.tenantId);
    bSession = await open(b.tenantId);
    bBefore = await bState();
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
  });

  it('lists A’s sessions only', async () => {
    const listed = dataOf(
      await graphql<{ supportSessions: SupportSessionView[] }>(app, a.OWNER.caller, SupportOps.supportSessions),
    ).supportSessions;
    expect(listed.map((session) => session.id)).toEqual([aSession.id]);
  });

  it.each([
    ['supportSession', SupportOps.supportSession],
    ['supportSessionRequests', SupportOps.supportSessionRequests],
    ['endSupportSession', SupportOps.endSupportSession],
  ])('%s of B’s session from A answers NOT_FOUND', async (_operation, query) => {
    expect(outcome(await graphql(app, a.OWNER.caller, query, { id: bSession.id }))).toBe('NOT_FOUND');
  });

  it('the service finds no session of B in A either', async () => {
    const service = app.app.get(SupportSessionsService);
    const owner = await ownerClient().membership.findFirstOrThrow({ where: { tenantId: a.tenantId, role: 'OWNER' } });
    const actor = {
      userId: a.OWNER.user.id,
      email: a.OWNER.user.email,
      sessionId: 'none',
      staffRole: null,
      tenantId: a.tenantId,
      tenantRole: 'OWNER' as const,
      membershipId: owner.id,
      impersonatorUserId: null,
      mfaSatisfied: true,
      requestId: 'test',
      ip: null,
    };
    await expect(service.get(actor, bSession.id, b.tenantId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(service.end(actor, bSession.id, b.tenantId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('with X-Tenant-Id of B, A’s owner is refused before anything runs', async () => {
    const answer = await graphql(app, { ...a.OWNER.caller, tenantId: b.tenantId }, SupportOps.setSupportAccess, {
      access: 'REFUSED',
    });
    expect(outcome(answer)).toBe('FORBIDDEN:NOT_A_MEMBER');
  });

  it('A refusing support leaves B’s sessions and settings alone', async () => {
    dataOf(await graphql(app, a.OWNER.caller, SupportOps.setSupportAccess, { access: 'REFUSED' }));
    expect(await bState()).toEqual(bBefore);
  });
});
