import { AuditModule } from '@warbler/api/audit';
import type { DomainError } from '@warbler/api/core';
import { closeOwnerClient, ownerClient, signedInMember, startTestApp, tenantWorld, type TestApp } from '../../testing';
import { InvitationAcceptance } from '../invitations/invitation-acceptance.service';
import { InvitationsService } from '../invitations/invitations.service';
import { MembersService } from '../members/members.service';
import { TenancyModule } from '../tenancy.module';
import { SeatsService } from './seats.service';

describe('seats', () => {
  let app: TestApp;
  let seats: SeatsService;

  beforeAll(async () => {
    app = await startTestApp([AuditModule, TenancyModule]);
    seats = app.app.get(SeatsService);
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
  });

  const seated = (tenantId: string) =>
    ownerClient().membership.count({ where: { tenantId, status: 'ACTIVE', seatAssigned: true } });

  it('assigns up to the seat limit and refuses the next one, naming the limit', async () => {
    const world = await tenantWorld({ seatLimit: 2 });
    const { OWNER, ADMIN, MEMBER } = world;
    await seats.assign(OWNER.actor, ADMIN.membership.id);
    await seats.assign(OWNER.actor, MEMBER.membership.id);
    const refused = await seats.assign(OWNER.actor, OWNER.membership.id).catch((error: DomainError) => error);
    expect(refused).toMatchObject({ code: 'CONFLICT', reason: 'SEAT_LIMIT_REACHED', details: { seatLimit: 2 } });
    expect((refused as DomainError).message).toMatch(/\b2\b/);
    expect(await seated(world.tenant.id)).toBe(2);
  });

  it('never exceeds the limit when many assign at once', async () => {
    const world = await tenantWorld({ seatLimit: 3 });
    const others = await Promise.all(Array.from({ length: 5 }, () => signedInMember(world.tenant.id, 'MEMBER')));
    const candidates = [world.ADMIN, world.BILLING_ADMIN, world.MEMBER, ...others];
    const results = await Promise.allSettled(
      candidates.map((member) => seats.assign(world.OWNER.actor, member.membership.id)),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(3);
    const reasons = results.flatMap((result) =>
      result.status === 'rejected' ? [(result.reason as DomainError).reason] : [],
    );
    expect(reasons).toEqual(Array(5).fill('SEAT_LIMIT_REACHED'));
    expect(await seated(world.tenant.id)).toBe(3);
    const audited = await ownerClient().auditEvent.count({
      where: { tenantId: world.tenant.id, action: 'member.seat_assigned' },
    });
    expect(audited).toBe(3);
  });

  it('frees the seat when it is unassigned or the member is removed', async () => {
    const world = await tenantWorld({ seatLimit: 1 });
    await seats.assign(world.OWNER.actor, world.MEMBER.membership.id);
    await expect(seats.assign(world.OWNER.actor, world.ADMIN.membership.id)).rejects.toMatchObject({
      reason: 'SEAT_LIMIT_REACHED',
    });
    await app.app.get(MembersService).remove(world.OWNER.actor, world.MEMBER.membership.id);
    expect((await seats.assign(world.OWNER.actor, world.ADMIN.membership.id)).seatAssigned).toBe(true);
    expect((await seats.unassign(world.OWNER.actor, world.ADMIN.membership.id)).seatAssigned).toBe(false);
    expect(await seated(world.tenant.id)).toBe(0);
  });

  it('treats assigning a held seat, or unassigning a free one, as done already', async () => {
    const world = await tenantWorld();
    await seats.assign(world.ADMIN.actor, world.MEMBER.membership.id);
    await seats.assign(world.ADMIN.actor, world.MEMBER.membership.id);
    await seats.unassign(world.ADMIN.actor, world.OWNER.membership.id);
    const actions = await ownerClient().auditEvent.findMany({
      where: { tenantId: world.tenant.id },
      select: { action: true },
    });
    expect(actions).toEqual([{ action: 'member.seat_assigned' }]);
  });

  it('lets an invitee with a seat requested join without one when none is free', async () => {
    const world = await tenantWorld({ seatLimit: 1 });
    await seats.assign(world.OWNER.actor, world.OWNER.membership.id);
    const invitee = await signedInMember((await tenantWorld()).tenant.id, 'MEMBER');
    const link = await app.app
      .get(InvitationsService)
      .invite(world.OWNER.actor, { email: invitee.user.email, role: 'MEMBER', assignSeat: true });
    const token = link.acceptUrl.slice(link.acceptUrl.lastIndexOf('/') + 1);
    await expect(app.app.get(InvitationAcceptance).accept(invitee.actor, token)).resolves.toMatchObject({
      role: 'MEMBER',
    });
    const membership = await ownerClient().membership.findFirstOrThrow({
      where: { tenantId: world.tenant.id, userId: invitee.user.id },
    });
    expect(membership).toMatchObject({ status: 'ACTIVE', seatAssigned: false });
  });
});
