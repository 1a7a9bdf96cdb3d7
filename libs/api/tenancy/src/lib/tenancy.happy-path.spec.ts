import { AuditModule } from '@warbler/api/audit';
import {
  bearerFor,
  closeOwnerClient,
  dataOf,
  graphql,
  newUser,
  Ops,
  ownerClient,
  startTestApp,
  tenantWorld,
  tokenOf,
  type TenantWorld,
  type TestApp,
} from '../testing';
import { TenancyModule } from './tenancy.module';

describe('a member’s life: invited, joins with a seat, promoted, removed', () => {
  let app: TestApp;
  let world: TenantWorld;

  beforeAll(async () => {
    app = await startTestApp([AuditModule, TenancyModule]);
    world = await tenantWorld({ seatLimit: 3 });
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
  });

  it('keeps the members, the seats and the audit log in step at every step', async () => {
    const owner = world.OWNER.caller;
    const invitee = await newUser();

    const invited = await graphql<{
      inviteMember: { acceptUrl: string; invitation: { id: string; email: string; sendCount: number } };
    }>(app, owner, Ops.inviteMember, {
      input: { email: invitee.email.toUpperCase(), role: 'MEMBER', assignSeat: true },
    });
    const { acceptUrl, invitation } = dataOf(invited).inviteMember;
    expect(acceptUrl).toMatch(new RegExp(`/invite/${world.tenant.id}\\.[A-Za-z0-9_-]{43}$`));
    expect(invitation).toMatchObject({ email: invitee.email, sendCount: 1 });
    const stored = await ownerClient().invitation.findFirstOrThrow({ where: { id: invitation.id } });
    expect(stored.tokenHash).not.toContain(tokenOf(acceptUrl).split('.')[1]);
    const mail = await ownerClient().outboxEmail.findFirstOrThrow({
      where: { tenantId: world.tenant.id, toEmail: invitee.email },
    });
    expect(mail.body).toContain(acceptUrl);
    expect(mail.link).toBe(acceptUrl);

    const preview = await graphql(app, null, Ops.invitationPreview, { token: tokenOf(acceptUrl) });
    expect(preview.data).toEqual({
      invitationPreview: {
        tenantName: world.tenant.name,
        email: invitee.email,
        role: 'MEMBER',
        expiresAt: expect.any(String),
        accountExists: true,
      },
    });

    const inviteeCaller = { token: await bearerFor(invitee) };
    const accepted = await graphql(app, inviteeCaller, Ops.acceptInvitation, { token: tokenOf(acceptUrl) });
    expect(accepted.data).toEqual({
      acceptInvitation: {
        role: 'MEMBER',
        tenant: { id: world.tenant.id, name: world.tenant.name, slug: expect.any(String) },
      },
    });

    const membersAfterJoin = await graphql<{
      members: { id: string; seatAssigned: boolean; user: { email: string } }[];
    }>(app, owner, Ops.members);
    const joined = dataOf(membersAfterJoin).members.find((member) => member.user.email === invitee.email);
    if (!joined) throw new Error('the invitee is not among the members');
    expect(joined.seatAssigned).toBe(true);
    expect((await graphql(app, owner, Ops.currentTenant)).data).toMatchObject({
      currentTenant: { memberCount: 5, seatsAssigned: 1 },
    });
    expect((await graphql(app, owner, Ops.invitations)).data).toEqual({ invitations: [] });

    const promoted = await graphql(app, owner, Ops.changeMemberRole, { memberId: joined.id, role: 'ADMIN' });
    expect(promoted.data).toMatchObject({ changeMemberRole: { id: joined.id, role: 'ADMIN' } });

    const removed = await graphql(app, owner, Ops.removeMember, { memberId: joined.id });
    expect(removed.data).toMatchObject({ removeMember: { id: joined.id, seatAssigned: false } });
    expect((await graphql(app, owner, Ops.currentTenant)).data).toMatchObject({
      currentTenant: { memberCount: 4, seatsAssigned: 0 },
    });
    const inviteeInTenant = { ...inviteeCaller, tenantId: world.tenant.id };
    expect((await graphql(app, inviteeInTenant, Ops.currentTenant)).errors?.[0].extensions).toEqual({
      code: 'FORBIDDEN',
      reason: 'NOT_A_MEMBER',
    });

    const events = await ownerClient().auditEvent.findMany({
      where: { tenantId: world.tenant.id },
      orderBy: { seq: 'asc' },
    });
    expect(events.map((event) => [event.action, event.actorUserId])).toEqual([
      ['member.invited', world.OWNER.user.id],
      ['invitation.accepted', invitee.id],
      ['member.role_changed', world.OWNER.user.id],
      ['member.removed', world.OWNER.user.id],
    ]);
    expect(events[0].changes).toMatchObject({
      email: { before: null, after: invitee.email },
      assignSeat: { before: null, after: true },
    });
    expect(events[0].changes).not.toHaveProperty('tokenHash');
    expect(events[1]).toMatchObject({
      targetId: joined.id,
      changes: { seatAssigned: { before: null, after: true }, invitationId: { before: null, after: invitation.id } },
    });
    expect(events[2].changes).toEqual({ role: { before: 'MEMBER', after: 'ADMIN' } });
    expect(events[3].changes).toMatchObject({
      email: { before: invitee.email, after: null },
      status: { before: 'ACTIVE', after: null },
    });
    expect(events.every((event) => event.requestId !== null && event.ip !== null)).toBe(true);
    expect((await graphql(app, owner, '{ verifyAuditChain { valid eventsChecked } }')).data).toEqual({
      verifyAuditChain: { valid: true, eventsChecked: 4 },
    });
  });

  it('welcomes a removed member back through a new invitation, in the same membership', async () => {
    const owner = world.OWNER.caller;
    const former = await newUser();
    const invite = async () =>
      tokenOf(
        dataOf(
          await graphql<{ inviteMember: { acceptUrl: string } }>(app, owner, Ops.inviteMember, {
            input: { email: former.email, role: 'BILLING_ADMIN' },
          }),
        ).inviteMember.acceptUrl,
      );
    const caller = { token: await bearerFor(former) };
    await graphql(app, caller, Ops.acceptInvitation, { token: await invite() });
    const first = await ownerClient().membership.findFirstOrThrow({
      where: { tenantId: world.tenant.id, userId: former.id },
    });
    await graphql(app, owner, Ops.removeMember, { memberId: first.id });
    const back = await graphql(app, caller, Ops.acceptInvitation, { token: await invite() });
    expect(back.data).toMatchObject({ acceptInvitation: { role: 'BILLING_ADMIN' } });
    const again = await ownerClient().membership.findFirstOrThrow({
      where: { tenantId: world.tenant.id, userId: former.id },
    });
    expect(again).toMatchObject({ id: first.id, status: 'ACTIVE', role: 'BILLING_ADMIN', seatAssigned: false });
  });
});
