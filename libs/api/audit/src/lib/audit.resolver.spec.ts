import { Database, type TenantActor } from '@warbler/api/core';
import {
  actorFor,
  bearerFor,
  closeOwnerClient,
  graphql,
  newMember,
  newTenant,
  newUser,
  outcome,
  startTestApp,
  type Caller,
  type TestApp,
} from '../testing';
import { AuditModule } from './audit.module';
import { AuditLog } from './audit-log';

const EVENTS = `query Events($first: Int, $after: String, $filter: AuditEventFilter) {
  auditEvents(first: $first, after: $after, filter: $filter) {
    edges { cursor node { id seq action targetType targetId actorUserId actorEmail changes hash prevHash occurredAt } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const VERIFY = `{ verifyAuditChain { valid eventsChecked firstBrokenSeq headHash } }`;

interface EventsAnswer {
  auditEvents: {
    edges: { cursor: string; node: { seq: string; action: string; actorUserId: string; changes: unknown } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

describe('audit log over GraphQL', () => {
  let app: TestApp;
  let db: Database;
  let owner: TenantActor;
  let admin: TenantActor;
  let ownerCaller: Caller;
  const callers: Record<string, Caller> = {};

  beforeAll(async () => {
    app = await startTestApp([AuditModule]);
    db = app.app.get(Database);
    const tenant = await newTenant();
    const members = {
      OWNER: await newMember(tenant.id, 'OWNER'),
      ADMIN: await newMember(tenant.id, 'ADMIN'),
      BILLING_ADMIN: await newMember(tenant.id, 'BILLING_ADMIN'),
      MEMBER: await newMember(tenant.id, 'MEMBER'),
    };
    owner = actorFor(members.OWNER);
    admin = actorFor(members.ADMIN);
    for (const [role, member] of Object.entries(members)) {
      callers[role] = { token: await bearerFor(member.user), tenantId: tenant.id };
    }
    ownerCaller = callers['OWNER'];
    const audit = app.app.get(AuditLog);
    const record = (actor: TenantActor, action: string, targetType: string) =>
      db.forTenant(actor).transaction((tx) =>
        audit.record(tx, actor, {
          action,
          targetType,
          targetId: actor.membershipId,
          after: { role: actor.tenantRole },
        }),
      );
    await record(owner, 'member.invited', 'Invitation');
    await record(admin, 'member.role_changed', 'Member');
    await record(owner, 'member.seat_assigned', 'Member');
    await record(admin, 'member.removed', 'Member');
    await record(owner, 'invitation.revoked', 'Invitation');
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
  });

  it('pages newest first, with the seq as cursor', async () => {
    const first = await graphql<EventsAnswer>(app, ownerCaller, EVENTS, { first: 2 });
    expect(first.errors).toBeUndefined();
    expect(first.data?.auditEvents.edges.map((edge) => edge.node.seq)).toEqual(['5', '4']);
    expect(first.data?.auditEvents.pageInfo).toEqual({ hasNextPage: true, endCursor: '4' });
    const rest = await graphql<EventsAnswer>(app, ownerCaller, EVENTS, { first: 10, after: '4' });
    expect(rest.data?.auditEvents.edges.map((edge) => edge.cursor)).toEqual(['3', '2', '1']);
    expect(rest.data?.auditEvents.pageInfo).toEqual({ hasNextPage: false, endCursor: '1' });
    expect(rest.data?.auditEvents.edges[2].node.changes).toEqual({ role: { before: null, after: 'OWNER' } });
  });

  it('filters by action, actor, target type and time', async () => {
    const seqs = async (filter: Record<string, unknown>) =>
      (await graphql<EventsAnswer>(app, ownerCaller, EVENTS, { filter })).data?.auditEvents.edges.map(
        (edge) => edge.node.seq,
      );
    expect(await seqs({ action: 'member.removed' })).toEqual(['4']);
    expect(await seqs({ actorUserId: admin.userId })).toEqual(['4', '2']);
    expect(await seqs({ targetType: 'Invitation' })).toEqual(['5', '1']);
    expect(await seqs({ from: new Date(Date.now() + 60_000).toISOString() })).toEqual([]);
    expect(
      await seqs({ to: new Date(Date.now() + 60_000).toISOString(), targetType: 'Member', actorUserId: owner.userId }),
    ).toEqual(['3']);
  });

  it('refuses a page above 200, a page below 1 and a cursor it did not hand out', async () => {
    expect(outcome(await graphql(app, ownerCaller, EVENTS, { first: 201 }))).toBe('BAD_USER_INPUT:VALIDATION_FAILED');
    expect(outcome(await graphql(app, ownerCaller, EVENTS, { first: 0 }))).toBe('BAD_USER_INPUT:VALIDATION_FAILED');
    expect(outcome(await graphql(app, ownerCaller, EVENTS, { after: 'abc' }))).toBe('BAD_USER_INPUT:VALIDATION_FAILED');
    expect(outcome(await graphql(app, ownerCaller, EVENTS, { filter: { actorUserId: 'nobody' } }))).toBe(
      'BAD_USER_INPUT:VALIDATION_FAILED',
    );
    expect(outcome(await graphql(app, ownerCaller, EVENTS, { first: 200 }))).toBe('OK');
  });

  it('verifies the chain', async () => {
    const answer = await graphql<{ verifyAuditChain: unknown }>(app, ownerCaller, VERIFY);
    expect(answer.data?.verifyAuditChain).toEqual({
      valid: true,
      eventsChecked: 5,
      firstBrokenSeq: null,
      headHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it.each([
    ['OWNER', 'OK'],
    ['ADMIN', 'OK'],
    ['BILLING_ADMIN', 'FORBIDDEN'],
    ['MEMBER', 'FORBIDDEN'],
  ])('lets %s read and verify: %s', async (role, expected) => {
    expect(outcome(await graphql(app, callers[role], EVENTS))).toBe(expected);
    expect(outcome(await graphql(app, callers[role], VERIFY))).toBe(expected);
  });

  it('refuses staff with no tenant, and anyone signed out', async () => {
    const staff = await newUser({ staffRole: 'PLATFORM_ADMIN' });
    expect(outcome(await graphql(app, { token: await bearerFor(staff) }, EVENTS))).toBe('FORBIDDEN');
    expect(outcome(await graphql(app, null, VERIFY))).toBe('UNAUTHENTICATED');
  });

  it('shows another tenant’s owner nothing of this log', async () => {
    const other = await newTenant();
    const otherOwner = await newMember(other.id, 'OWNER');
    const token = await bearerFor(otherOwner.user);
    const own = await graphql<EventsAnswer>(app, { token, tenantId: other.id }, EVENTS);
    expect(own.data?.auditEvents.edges).toEqual([]);
    expect(outcome(await graphql(app, { token, tenantId: owner.tenantId }, EVENTS))).toBe('FORBIDDEN:NOT_A_MEMBER');
    expect(outcome(await graphql(app, { token, tenantId: owner.tenantId }, VERIFY))).toBe('FORBIDDEN:NOT_A_MEMBER');
  });
});
