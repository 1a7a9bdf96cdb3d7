import { randomUUID } from 'node:crypto';
import { AuditModule } from '@warbler/api/audit';
import { Database, type DomainError } from '@warbler/api/core';
import {
  closeOwnerClient,
  graphql,
  type GraphqlAnswer,
  newUser,
  type OperationName,
  Ops,
  outcome,
  ownerClient,
  signedInMember,
  startTestApp,
  tenantSnapshot,
  tenantWorld,
  tokenOf,
  type TenantWorld,
  type TestApp,
  type WorldMember,
} from '../testing';
import { InvitationAcceptance } from './invitations/invitation-acceptance.service';
import { InvitationsService } from './invitations/invitations.service';
import { MembersService } from './members/members.service';
import { SeatsService } from './seats/seats.service';
import { TenancyModule } from './tenancy.module';
import { TenantsService } from './tenants/tenants.service';

/**
 * Tenant A's owner against tenant B, for every tenancy operation: through the services
 * (where row-level security is the only guard) and over GraphQL (guard, then services).
 * Nothing of B may be read or changed, and B's state must come out exactly as it went in.
 */
describe('tenant isolation: A’s owner can neither read nor change B', () => {
  let app: TestApp;
  let a: TenantWorld;
  let b: TenantWorld;
  let bSeated: WorldMember;
  let bInvitation: { id: string; token: string; email: string };
  let bBefore: Awaited<ReturnType<typeof tenantSnapshot>>;
  let aEventsBefore: number;

  /** B's token re-addressed to A: the tenant part is the only thing A could change. */
  const bTokenAddressedToA = () => `${a.tenant.id}.${bInvitation.token.split('.')[1]}`;

  beforeAll(async () => {
    app = await startTestApp([AuditModule, TenancyModule]);
    a = await tenantWorld();
    b = await tenantWorld();
    bSeated = await signedInMember(b.tenant.id, 'MEMBER', true);
    const link = await app.app
      .get(InvitationsService)
      .invite(b.OWNER.actor, { email: (await newUser()).email, role: 'ADMIN' });
    bInvitation = { id: link.invitation.id, token: tokenOf(link.acceptUrl), email: link.invitation.email };
    bBefore = await tenantSnapshot(b.tenant.id);
    aEventsBefore = await ownerClient().auditEvent.count({ where: { tenantId: a.tenant.id } });
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
  });

  describe('through the services and the tenant-bound client', () => {
    const notFound = (promise: Promise<unknown>) => expect(promise).rejects.toMatchObject({ code: 'NOT_FOUND' });

    it('currentTenant, members and invitations read A only', async () => {
      expect((await app.app.get(TenantsService).current(a.OWNER.actor)).id).toBe(a.tenant.id);
      const members = await app.app.get(MembersService).list(a.OWNER.actor);
      expect(new Set(members.map((member) => member.tenantId))).toEqual(new Set([a.tenant.id]));
      expect(await app.app.get(InvitationsService).list(a.OWNER.actor)).toEqual([]);
    });

    it('the tenant-bound client sees no row of B in any tenancy table', async () => {
      const client = app.app.get(Database).forTenant(a.OWNER.actor);
      const where = { tenantId: b.tenant.id };
      expect(await client.tenant.findMany({ where: { id: b.tenant.id } })).toEqual([]);
      expect(await client.membership.findMany({ where })).toEqual([]);
      expect(await client.invitation.findMany({ where })).toEqual([]);
      expect(await client.outboxEmail.findMany({ where })).toEqual([]);
      expect(await client.auditEvent.findMany({ where })).toEqual([]);
    });

    it('every member operation on a member of B finds no such member', async () => {
      const members = app.app.get(MembersService);
      const seats = app.app.get(SeatsService);
      await notFound(members.changeRole(a.OWNER.actor, b.MEMBER.membership.id, 'ADMIN'));
      await notFound(members.remove(a.OWNER.actor, b.MEMBER.membership.id));
      await notFound(members.transferOwnership(a.OWNER.actor, b.MEMBER.membership.id));
      await notFound(seats.assign(a.OWNER.actor, b.MEMBER.membership.id));
      await notFound(seats.unassign(a.OWNER.actor, bSeated.membership.id));
    });

    it('every invitation operation on an invitation of B finds no such invitation', async () => {
      const invitations = app.app.get(InvitationsService);
      const acceptance = app.app.get(InvitationAcceptance);
      await notFound(invitations.resend(a.OWNER.actor, bInvitation.id));
      await notFound(invitations.revoke(a.OWNER.actor, bInvitation.id));
      await notFound(acceptance.preview(bTokenAddressedToA()));
      await notFound(acceptance.accept(a.OWNER.actor, bTokenAddressedToA()));
      const mismatch = (await acceptance
        .accept(a.OWNER.actor, bInvitation.token)
        .catch((error) => error)) as DomainError;
      expect(mismatch).toMatchObject({ code: 'FORBIDDEN', reason: 'INVITATION_EMAIL_MISMATCH' });
    });
  });

  describe('over GraphQL', () => {
    const asA = <T>(operation: OperationName, variables: Record<string, unknown> = {}) =>
      graphql<T>(app, a.OWNER.caller, Ops[operation], variables);

    it('currentTenant, members and invitations answer with A’s data only', async () => {
      const tenant = await asA<{ currentTenant: { id: string } }>('currentTenant');
      expect(tenant.data?.currentTenant.id).toBe(a.tenant.id);
      const members = await asA<{ members: { id: string }[] }>('members');
      const bIds = [b.OWNER, b.ADMIN, b.BILLING_ADMIN, b.MEMBER, bSeated].map((member) => member.membership.id);
      expect(members.data?.members).toHaveLength(4);
      expect(members.data?.members.filter((member) => bIds.includes(member.id))).toEqual([]);
      expect((await asA('invitations')).data).toEqual({ invitations: [] });
    });

    const aimedAtB: [OperationName, string, () => Record<string, unknown>][] = [
      ['changeMemberRole', 'NOT_FOUND', () => ({ memberId: b.MEMBER.membership.id, role: 'ADMIN' })],
      ['removeMember', 'NOT_FOUND', () => ({ memberId: b.MEMBER.membership.id })],
      ['transferOwnership', 'NOT_FOUND', () => ({ memberId: b.MEMBER.membership.id })],
      ['assignSeat', 'NOT_FOUND', () => ({ memberId: b.MEMBER.membership.id })],
      ['unassignSeat', 'NOT_FOUND', () => ({ memberId: bSeated.membership.id })],
      ['resendInvitation', 'NOT_FOUND', () => ({ id: bInvitation.id })],
      ['revokeInvitation', 'NOT_FOUND', () => ({ id: bInvitation.id })],
      ['invitationPreview', 'NOT_FOUND', () => ({ token: bTokenAddressedToA() })],
      ['acceptInvitation', 'NOT_FOUND', () => ({ token: bTokenAddressedToA() })],
      ['acceptInvitation', 'FORBIDDEN:INVITATION_EMAIL_MISMATCH', () => ({ token: bInvitation.token })],
    ];

    it.each(aimedAtB)('%s aimed at B’s data from A answers %s', async (operation, expected, variables) => {
      expect(outcome(await asA(operation, variables()))).toBe(expected);
    });

    const inB: [OperationName, () => Record<string, unknown>][] = [
      ['currentTenant', () => ({})],
      ['members', () => ({})],
      ['invitations', () => ({})],
      ['inviteMember', () => ({ input: { email: `outsider.${randomUUID()}@example.test`, role: 'OWNER' } })],
      ['resendInvitation', () => ({ id: bInvitation.id })],
      ['revokeInvitation', () => ({ id: bInvitation.id })],
      ['changeMemberRole', () => ({ memberId: b.MEMBER.membership.id, role: 'OWNER' })],
      ['removeMember', () => ({ memberId: b.OWNER.membership.id })],
      ['transferOwnership', () => ({ memberId: b.MEMBER.membership.id })],
      ['assignSeat', () => ({ memberId: b.MEMBER.membership.id })],
      ['unassignSeat', () => ({ memberId: bSeated.membership.id })],
    ];

    it.each(inB)('%s with X-Tenant-Id of B is refused before anything runs', async (operation, variables) => {
      const answer: GraphqlAnswer<unknown> = await graphql(
        app,
        { ...a.OWNER.caller, tenantId: b.tenant.id },
        Ops[operation],
        variables(),
      );
      expect(outcome(answer)).toBe('FORBIDDEN:NOT_A_MEMBER');
      expect(answer.data ?? null).toBeNull();
    });
  });

  it('leaves B exactly as it was, and writes no audit event for a refused attempt', async () => {
    expect(await tenantSnapshot(b.tenant.id)).toEqual(bBefore);
    expect(await ownerClient().auditEvent.count({ where: { tenantId: a.tenant.id } })).toBe(aEventsBefore);
  });
});
