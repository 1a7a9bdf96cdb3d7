import { Controller, Get, Injectable, Module, Post } from '@nestjs/common';
import { Mutation, Query, Resolver } from '@nestjs/graphql';
import { Can, CurrentActor } from '@warbler/api/access';
import { AuditLog, AuditModule } from '@warbler/api/audit';
import { type Actor, Database, isTenantActor } from '@warbler/api/core';
import {
  closeOwnerClient,
  dataOf,
  graphql,
  graphqlWith,
  inSession,
  newMember,
  outcome,
  ownerClient,
  requestLog,
  staffMember,
  startTestApp,
  SupportOps,
  type SupportAccessView,
  type SupportSessionView,
  supportTenant,
  type SupportTenant,
  type TestApp,
} from '../testing';
import { SupportModule } from './support.module';
import { SupportSessionExpiry } from './support-session-expiry';
import { SupportSessionsService } from './support-sessions.service';

/** Tenant work a support session is tried against: a read, a change that audits itself, and REST. */
@Injectable()
class ProbeWork {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
  ) {}

  async change(actor: Actor): Promise<boolean> {
    if (!isTenantActor(actor)) return false;
    await this.db
      .forTenant(actor)
      .transaction((tx) =>
        this.audit.record(tx, actor, { action: 'probe.changed', targetType: 'Probe', after: { done: true } }),
      );
    return true;
  }
}

@Resolver()
class ProbeResolver {
  constructor(private readonly work: ProbeWork) {}

  @Query(() => String)
  @Can('read', 'Tenant')
  whoAmIProbe(@CurrentActor() actor: Actor): string {
    const { userId, staffRole, tenantId, tenantRole, impersonatorUserId } = actor;
    return JSON.stringify({ userId, staffRole, tenantId, tenantRole, impersonatorUserId });
  }

  @Query(() => Boolean)
  @Can('read', 'Member')
  membersProbe(): boolean {
    return true;
  }

  @Mutation(() => Boolean)
  @Can('invite', 'Member')
  changeProbe(@CurrentActor() actor: Actor): Promise<boolean> {
    return this.work.change(actor);
  }

  @Mutation(() => Boolean)
  @Can('update', 'Profile')
  profileProbe(): boolean {
    return true;
  }
}

@Controller('support-probe')
class ProbeController {
  @Get('members')
  @Can('read', 'Member')
  read() {
    return { reached: true };
  }

  @Post('members')
  @Can('invite', 'Member')
  change() {
    return { reached: true };
  }
}

@Module({ imports: [AuditModule], providers: [ProbeWork, ProbeResolver], controllers: [ProbeController] })
class ProbeModule {}

const MINUTE = 60_000;

describe('support sessions', () => {
  let app: TestApp;
  let tenant: SupportTenant;
  let support: Awaited<ReturnType<typeof staffMember>>;
  let admin: Awaited<ReturnType<typeof staffMember>>;

  const start = async (input: Record<string, unknown> = {}, who = support) =>
    graphql<{ startSupportSession: SupportSessionView }>(app, who.caller, SupportOps.startSupportSession, {
      input: { tenantId: tenant.tenantId, reason: 'Customer cannot see invoices', ticketReference: 'SUP-1', ...input },
    });
  const started = async (input: Record<string, unknown> = {}, who = support) =>
    dataOf(await start(input, who)).startSupportSession;
  const inside = (sessionId: string, who = support, tenantId = tenant.tenantId) => inSession(who, tenantId, sessionId);
  const ask = <T = Record<string, unknown>>(headers: Record<string, string>, query: string, vars = {}) =>
    graphqlWith<T>(app.url, headers, query, vars);
  const ownerSessions = async () =>
    dataOf(
      await graphql<{ supportSessions: SupportSessionView[] }>(app, tenant.OWNER.caller, SupportOps.supportSessions),
    ).supportSessions;
  const auditOf = (action: string) =>
    ownerClient().auditEvent.findMany({ where: { tenantId: tenant.tenantId, action }, orderBy: { seq: 'asc' } });

  beforeAll(async () => {
    app = await startTestApp([AuditModule, SupportModule, ProbeModule]);
  });

  beforeEach(async () => {
    tenant = await supportTenant();
    support = await staffMember('SUPPORT');
    admin = await staffMember('PLATFORM_ADMIN');
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
  });

  describe('starting', () => {
    it('opens a READ_ONLY session of 30 minutes as the owner, and the tenant’s audit log says who and why', async () => {
      const before = Date.now();
      const session = await started();
      expect(session).toMatchObject({
        status: 'ACTIVE',
        mode: 'READ_ONLY',
        durationMinutes: 30,
        viewedAsEmail: tenant.OWNER.user.email,
        viewedAsRole: 'OWNER',
        staffEmail: support.user.email,
        reason: 'Customer cannot see invoices',
        ticketReference: 'SUP-1',
      });
      const expires = new Date(session.expiresAt).getTime();
      expect(expires).toBeGreaterThanOrEqual(before + 30 * MINUTE);
      expect(expires).toBeLessThanOrEqual(Date.now() + 30 * MINUTE);
      const [event] = await auditOf('support_session.started');
      expect(event).toMatchObject({
        actorUserId: support.user.id,
        actorEmail: support.user.email,
        targetId: session.id,
      });
      expect(event.changes).toMatchObject({
        reason: { after: 'Customer cannot see invoices' },
        ticketReference: { after: 'SUP-1' },
        viewedAsEmail: { after: tenant.OWNER.user.email },
      });
    });

    it.each([
      [{ durationMinutes: 241 }, 'BAD_USER_INPUT:SUPPORT_SESSION_DURATION_OUT_OF_RANGE'],
      [{ durationMinutes: 0 }, 'BAD_USER_INPUT:SUPPORT_SESSION_DURATION_OUT_OF_RANGE'],
      [{ reason: '   ' }, 'BAD_USER_INPUT:VALIDATION_FAILED'],
      [{ ticketReference: '' }, 'BAD_USER_INPUT:VALIDATION_FAILED'],
    ])('refuses %j with %s and starts nothing', async (input, expected) => {
      expect(outcome(await start(input))).toBe(expected);
      expect(await ownerClient().supportSession.count({ where: { tenantId: tenant.tenantId } })).toBe(0);
    });

    it('answers a retried start with the session it opened; another start waits for that one to end', async () => {
      const first = await started();
      const retried = await started();
      expect(retried.id).toBe(first.id);
      expect(await auditOf('support_session.started')).toHaveLength(1);

      const other = await start({ ticketReference: 'SUP-2' });
      expect(outcome(other)).toBe('CONFLICT:SUPPORT_SESSION_ALREADY_OPEN');
      expect(other.errors?.[0].message).toMatch(/end it before starting another/);

      await dataOf(
        await ask(inside(first.id), SupportOps.endSupportSession, { id: first.id, tenantId: tenant.tenantId }),
      );
      const next = await started({ ticketReference: 'SUP-2' });
      expect(next.id).not.toBe(first.id);
    });

    it('takes four hours at most', async () => {
      expect((await started({ durationMinutes: 240 })).durationMinutes).toBe(240);
    });

    it('views as the chosen member, never as a staff account', async () => {
      expect((await started({ viewAsUserId: tenant.MEMBER.user.id })).viewedAsRole).toBe('MEMBER');
      const staffInTenant = await newMember(tenant.tenantId, 'ADMIN');
      await ownerClient().user.update({ where: { id: staffInTenant.user.id }, data: { staffRole: 'FINANCE' } });
      expect(outcome(await start({ viewAsUserId: staffInTenant.user.id }))).toBe('FORBIDDEN:SUPPORT_CANNOT_VIEW_STAFF');
      const members = dataOf(
        await graphql<{ supportViewableMembers: { userId: string }[] }>(
          app,
          support.caller,
          SupportOps.supportViewableMembers,
          { tenantId: tenant.tenantId },
        ),
      ).supportViewableMembers;
      expect(members.map((member) => member.userId)).not.toContain(staffInTenant.user.id);
      expect(members).toHaveLength(4);
    });

    it('refuses a tenant that refuses support access', async () => {
      dataOf(await graphql(app, tenant.OWNER.caller, SupportOps.setSupportAccess, { access: 'REFUSED' }));
      expect(outcome(await start())).toBe('FORBIDDEN:SUPPORT_ACCESS_REFUSED');
    });

    it.each(['FINANCE', 'PLATFORM_ADMIN'] as const)('is refused to %s', async (role) => {
      expect(outcome(await start({}, await staffMember(role)))).toBe('FORBIDDEN');
    });
  });

  describe('inside a READ_ONLY session', () => {
    it('acts as the viewed member with the engineer as impersonator, and no staff role', async () => {
      const session = await started({ viewAsUserId: tenant.ADMIN.user.id });
      const who = dataOf(await ask<{ whoAmIProbe: string }>(inside(session.id), '{ whoAmIProbe }')).whoAmIProbe;
      expect(JSON.parse(who)).toEqual({
        userId: tenant.ADMIN.user.id,
        staffRole: null,
        tenantId: tenant.tenantId,
        tenantRole: 'ADMIN',
        impersonatorUserId: support.user.id,
      });
    });

    it('refuses every change with SUPPORT_READ_ONLY, over GraphQL and REST, and logs every request', async () => {
      const session = await started();
      expect(outcome(await ask(inside(session.id), '{ membersProbe }'))).toBe('OK');
      const refused = await ask(inside(session.id), 'mutation { changeProbe }');
      expect(outcome(refused)).toBe('FORBIDDEN:SUPPORT_READ_ONLY');
      expect(refused.errors?.[0].message).toMatch(/read-only/);
      const rest = await fetch(`${app.url}/support-probe/members`, {
        method: 'POST',
        headers: { ...inside(session.id), 'x-requested-with': 'warbler' },
      });
      expect(rest.status).toBe(403);
      expect(await rest.json()).toMatchObject({ code: 'FORBIDDEN', reason: 'SUPPORT_READ_ONLY' });
      const read = await fetch(`${app.url}/support-probe/members`, { headers: inside(session.id) });
      expect(read.status).toBe(200);
      expect(await auditOf('probe.changed')).toEqual([]);

      const log = await requestLog(tenant.tenantId, session.id);
      expect(log.map(({ operation, isChange, outcome: decided }) => [operation, isChange, decided])).toEqual([
        ['graphql:query:membersProbe', false, 'ADMITTED'],
        ['graphql:mutation:changeProbe', true, 'FORBIDDEN:SUPPORT_READ_ONLY'],
        ['http:POST /support-probe/members', true, 'FORBIDDEN:SUPPORT_READ_ONLY'],
        ['http:GET /support-probe/members', false, 'ADMITTED'],
      ]);
      const requests = dataOf(
        await graphql<{ supportSessionRequests: unknown[] }>(
          app,
          tenant.OWNER.caller,
          SupportOps.supportSessionRequests,
          {
            id: session.id,
          },
        ),
      ).supportSessionRequests;
      expect(requests).toHaveLength(4);
    });

    it('never rises above the viewed member’s role', async () => {
      const session = await started({ viewAsUserId: tenant.MEMBER.user.id });
      expect(outcome(await ask(inside(session.id), '{ membersProbe }'))).toBe('FORBIDDEN');
      expect((await requestLog(tenant.tenantId, session.id)).map((entry) => entry.outcome)).toEqual(['FORBIDDEN']);
    });

    it('gives nothing in another tenant, and nothing to another engineer', async () => {
      const session = await started();
      const other = await supportTenant();
      expect(outcome(await ask(inside(session.id, support, other.tenantId), '{ whoAmIProbe }'))).toBe(
        'FORBIDDEN:SUPPORT_SESSION_UNKNOWN',
      );
      expect(outcome(await ask(inside(session.id, await staffMember('SUPPORT')), '{ whoAmIProbe }'))).toBe(
        'FORBIDDEN:SUPPORT_SESSION_UNKNOWN',
      );
    });

    it('ends from inside, the one change it may make', async () => {
      const session = await started();
      const ended = dataOf(
        await ask<{ endSupportSession: SupportSessionView }>(inside(session.id), SupportOps.endSupportSession, {
          id: session.id,
        }),
      ).endSupportSession;
      expect(ended).toMatchObject({ status: 'ENDED', endedHow: 'ENDED_BY_STAFF', endedByEmail: support.user.email });
      expect(outcome(await ask(inside(session.id), '{ whoAmIProbe }'))).toBe('FORBIDDEN:SUPPORT_SESSION_ENDED');
      const [event] = await auditOf('support_session.ended');
      expect(event).toMatchObject({ actorUserId: support.user.id, impersonatorUserId: null });
    });
  });

  describe('ending', () => {
    it('expires by itself: refused on the next request, recorded as EXPIRED', async () => {
      const session = await started();
      await ownerClient().supportSession.update({
        where: { tenantId_id: { tenantId: tenant.tenantId, id: session.id } },
        data: { expiresAt: new Date(Date.now() - 1000) },
      });
      expect(outcome(await ask(inside(session.id), '{ whoAmIProbe }'))).toBe('FORBIDDEN:SUPPORT_SESSION_ENDED');
      expect((await ownerSessions())[0]).toMatchObject({ status: 'ENDED', endedHow: 'EXPIRED' });
      expect(await auditOf('support_session.ended')).toHaveLength(1);
    });

    it('is written down by the expiry job, with its audit event, before anyone looks', async () => {
      const expiring = await started();
      const open = await started({}, await staffMember('SUPPORT'));
      await ownerClient().supportSession.update({
        where: { tenantId_id: { tenantId: tenant.tenantId, id: expiring.id } },
        data: { expiresAt: new Date(Date.now() - 1000) },
      });

      const settled = await app.app.get(SupportSessionExpiry).settleAll(new Date());

      expect(settled).toContain(tenant.tenantId);
      const stored = await ownerClient().supportSession.findMany({
        where: { tenantId: tenant.tenantId },
        select: { id: true, status: true, endedHow: true },
      });
      expect(stored).toEqual(
        expect.arrayContaining([
          { id: expiring.id, status: 'ENDED', endedHow: 'EXPIRED' },
          { id: open.id, status: 'ACTIVE', endedHow: null },
        ]),
      );
      const [ended] = await auditOf('support_session.ended');
      expect(ended).toMatchObject({ targetId: expiring.id, requestId: 'job:support-session-expiry' });
      expect(await app.app.get(SupportSessionExpiry).settleAll(new Date())).not.toContain(tenant.tenantId);
    });

    it('ends when the engineer signs out', async () => {
      const session = await started();
      await ownerClient().session.update({ where: { id: support.sessionId }, data: { revokedAt: new Date() } });
      expect(outcome(await ask(inside(session.id), '{ whoAmIProbe }'))).toBe('UNAUTHENTICATED:SESSION_ENDED');
      expect((await ownerSessions())[0]).toMatchObject({ status: 'ENDED', endedHow: 'LOGOUT' });
    });

    it('is ended by the tenant’s owner, and by the engineer from outside', async () => {
      const first = await started();
      const byOwner = dataOf(
        await graphql<{ endSupportSession: SupportSessionView }>(
          app,
          tenant.OWNER.caller,
          SupportOps.endSupportSession,
          {
            id: first.id,
          },
        ),
      ).endSupportSession;
      expect(byOwner).toMatchObject({ endedHow: 'ENDED_BY_TENANT', endedByEmail: tenant.OWNER.user.email });
      const second = await started();
      const byStaff = dataOf(
        await graphql<{ endSupportSession: SupportSessionView }>(app, support.caller, SupportOps.endSupportSession, {
          id: second.id,
          tenantId: tenant.tenantId,
        }),
      ).endSupportSession;
      expect(byStaff.endedHow).toBe('ENDED_BY_STAFF');
      const again = await graphql<{ endSupportSession: SupportSessionView }>(
        app,
        support.caller,
        SupportOps.endSupportSession,
        { id: second.id, tenantId: tenant.tenantId },
      );
      expect(dataOf(again).endSupportSession.endedAt).toBe(byStaff.endedAt);
      expect(await auditOf('support_session.ended')).toHaveLength(2);
    });

    it('refusing support access ends the open sessions at once', async () => {
      const session = await started();
      dataOf(await graphql(app, tenant.OWNER.caller, SupportOps.setSupportAccess, { access: 'REFUSED' }));
      expect(outcome(await ask(inside(session.id), '{ whoAmIProbe }'))).toBe('FORBIDDEN:SUPPORT_SESSION_ENDED');
      expect((await ownerSessions())[0]).toMatchObject({ endedHow: 'ENDED_BY_TENANT' });
    });
  });

  describe('WRITE sessions', () => {
    it('wait for a platform admin without the owner’s grant; the approver is a second staff member', async () => {
      const session = await started({ mode: 'WRITE' });
      expect(session.status).toBe('PENDING_APPROVAL');
      expect(outcome(await ask(inside(session.id), '{ whoAmIProbe }'))).toBe('FORBIDDEN:SUPPORT_SESSION_PENDING');
      const pending = dataOf(
        await graphql<{ pendingSupportSessions: SupportSessionView[] }>(
          app,
          admin.caller,
          SupportOps.pendingSupportSessions,
        ),
      ).pendingSupportSessions;
      expect(pending.map((candidate) => candidate.id)).toContain(session.id);
      expect(
        outcome(
          await graphql(app, support.caller, SupportOps.approveSupportSession, {
            id: session.id,
            tenantId: tenant.tenantId,
          }),
        ),
      ).toBe('FORBIDDEN');

      const approved = dataOf(
        await graphql<{ approveSupportSession: SupportSessionView }>(
          app,
          admin.caller,
          SupportOps.approveSupportSession,
          {
            id: session.id,
            tenantId: tenant.tenantId,
          },
        ),
      ).approveSupportSession;
      expect(approved).toMatchObject({ status: 'ACTIVE', approvedByEmail: admin.user.email });
      expect(await auditOf('support_session.approved')).toHaveLength(1);

      expect(outcome(await ask(inside(session.id), 'mutation { changeProbe }'))).toBe('OK');
      const [change] = await auditOf('probe.changed');
      expect(change).toMatchObject({ actorUserId: tenant.OWNER.user.id, impersonatorUserId: support.user.id });
    });

    it('a staff member cannot approve the session they asked for', async () => {
      const session = await started({ mode: 'WRITE' });
      const service = app.app.get(SupportSessionsService);
      const self = { ...(await actorOf(support)), staffRole: 'PLATFORM_ADMIN' as const };
      await expect(service.approve(self, tenant.tenantId, session.id)).rejects.toMatchObject({
        code: 'FORBIDDEN',
        reason: 'SUPPORT_SELF_APPROVAL',
      });
    });

    it('start at once under the owner’s grant, end with it, and end when it is revoked', async () => {
      const until = new Date(Date.now() + 10 * MINUTE);
      const settings = dataOf(
        await graphql<{ grantSupportWrite: SupportAccessView }>(
          app,
          tenant.OWNER.caller,
          SupportOps.grantSupportWrite,
          {
            until: until.toISOString(),
          },
        ),
      ).grantSupportWrite;
      expect(settings).toMatchObject({ access: 'ALLOWED', writeGrantedByEmail: tenant.OWNER.user.email });
      const session = await started({ mode: 'WRITE', durationMinutes: 60 });
      expect(session).toMatchObject({ status: 'ACTIVE', mode: 'WRITE' });
      expect(new Date(session.expiresAt).getTime()).toBe(until.getTime());
      expect(outcome(await ask(inside(session.id), 'mutation { changeProbe }'))).toBe('OK');

      dataOf(await graphql(app, tenant.OWNER.caller, SupportOps.revokeSupportWrite));
      expect(outcome(await ask(inside(session.id), 'mutation { changeProbe }'))).toBe(
        'FORBIDDEN:SUPPORT_SESSION_ENDED',
      );
      expect((await auditOf('support_access.write_granted')).length).toBe(1);
      expect((await auditOf('support_access.write_revoked')).length).toBe(1);
    });

    it('an expired grant is no grant', async () => {
      await ownerClient().tenant.update({
        where: { id: tenant.tenantId },
        data: {
          supportWriteUntil: new Date(Date.now() - 1000),
          supportWriteGrantedByUserId: tenant.OWNER.user.id,
          supportWriteGrantedAt: new Date(Date.now() - MINUTE),
        },
      });
      expect((await started({ mode: 'WRITE' })).status).toBe('PENDING_APPROVAL');
      const settings = dataOf(
        await graphql<{ supportAccess: SupportAccessView }>(app, tenant.OWNER.caller, SupportOps.supportAccess),
      ).supportAccess;
      expect(settings.writeGrantUntil).toBeNull();
    });

    it.each([
      [() => new Date(Date.now() - MINUTE), 'BAD_USER_INPUT:SUPPORT_GRANT_NOT_AHEAD'],
      [() => new Date(Date.now() + 91 * 24 * 60 * MINUTE), 'BAD_USER_INPUT:SUPPORT_GRANT_TOO_FAR'],
    ])('a grant must end ahead, within 90 days (%#)', async (until, expected) => {
      expect(
        outcome(
          await graphql(app, tenant.OWNER.caller, SupportOps.grantSupportWrite, { until: until().toISOString() }),
        ),
      ).toBe(expected);
    });

    it('never touch the member’s own account or the tenant’s say over support', async () => {
      await graphql(app, tenant.OWNER.caller, SupportOps.grantSupportWrite, {
        until: new Date(Date.now() + 10 * MINUTE).toISOString(),
      });
      const session = await started({ mode: 'WRITE' });
      for (const [query, variables] of [
        ['mutation { profileProbe }', {}],
        [SupportOps.setSupportAccess, { access: 'ALLOWED' }],
        [SupportOps.grantSupportWrite, { until: new Date(Date.now() + 60 * MINUTE).toISOString() }],
        [SupportOps.revokeSupportWrite, {}],
      ] as const) {
        expect(outcome(await ask(inside(session.id), query, variables))).toBe('FORBIDDEN:SUPPORT_OUT_OF_BOUNDS');
      }
    });
  });

  async function actorOf(staff: typeof support): Promise<Actor> {
    return {
      userId: staff.user.id,
      email: staff.user.email,
      sessionId: staff.sessionId,
      staffRole: 'SUPPORT',
      tenantId: null,
      tenantRole: null,
      membershipId: null,
      impersonatorUserId: null,
      mfaSatisfied: true,
      requestId: 'test',
      ip: null,
    };
  }
});
