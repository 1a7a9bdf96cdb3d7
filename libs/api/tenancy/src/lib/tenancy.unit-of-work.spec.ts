import { randomUUID } from 'node:crypto';
import { AuditModule } from '@warbler/api/audit';
import type { TenantActor } from '@warbler/api/core';
import {
  closeOwnerClient,
  newUser,
  ownerClient,
  signedInMember,
  startTestApp,
  tenantSnapshot,
  tenantWorld,
  tokenOf,
  type TenantWorld,
  type TestApp,
} from '../testing';
import { InvitationAcceptance } from './invitations/invitation-acceptance.service';
import { InvitationsService } from './invitations/invitations.service';
import { MembersService } from './members/members.service';
import { SeatsService } from './seats/seats.service';
import { TenancyModule } from './tenancy.module';

/**
 * A change and its audit event are one unit of work. Here the database itself refuses the
 * unit's last statement, the audit insert, after the change was written: the request id
 * is the one value only the audit row stores, and PostgreSQL text cannot hold a NUL.
 */
describe('a unit of work that fails part-way leaves neither the change nor its audit event', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp([AuditModule, TenancyModule]);
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
  });

  const unauditable = (actor: TenantActor): TenantActor => ({ ...actor, requestId: 'request\u0000id' });
  const auditRefused = /auditEvent\.create/;

  const units: [string, (world: TenantWorld) => Promise<unknown>][] = [
    [
      'changeMemberRole',
      (w) => app.app.get(MembersService).changeRole(unauditable(w.OWNER.actor), w.MEMBER.membership.id, 'ADMIN'),
    ],
    ['removeMember', (w) => app.app.get(MembersService).remove(unauditable(w.OWNER.actor), w.MEMBER.membership.id)],
    [
      'transferOwnership',
      (w) => app.app.get(MembersService).transferOwnership(unauditable(w.OWNER.actor), w.MEMBER.membership.id),
    ],
    ['assignSeat', (w) => app.app.get(SeatsService).assign(unauditable(w.OWNER.actor), w.MEMBER.membership.id)],
    [
      'inviteMember',
      async (w) =>
        app.app
          .get(InvitationsService)
          .invite(unauditable(w.OWNER.actor), { email: (await newUser()).email, role: 'MEMBER' }),
    ],
  ];

  it.each(units)('%s', async (_name, unit) => {
    const world = await tenantWorld();
    const before = await tenantSnapshot(world.tenant.id);
    await expect(unit(world)).rejects.toThrow(auditRefused);
    expect(await tenantSnapshot(world.tenant.id)).toEqual(before);
  });

  it.each([
    ['resendInvitation', (actor: TenantActor, id: string) => app.app.get(InvitationsService).resend(actor, id)],
    ['revokeInvitation', (actor: TenantActor, id: string) => app.app.get(InvitationsService).revoke(actor, id)],
  ])('%s', async (_name, unit) => {
    const world = await tenantWorld();
    const link = await app.app
      .get(InvitationsService)
      .invite(world.OWNER.actor, { email: (await newUser()).email, role: 'MEMBER' });
    const before = await tenantSnapshot(world.tenant.id);
    await expect(unit(unauditable(world.OWNER.actor), link.invitation.id)).rejects.toThrow(auditRefused);
    expect(await tenantSnapshot(world.tenant.id)).toEqual(before);
  });

  it('acceptInvitation failing after it claimed the invitation leaves the invitation pending', async () => {
    const world = await tenantWorld();
    const joiner = await signedInMember((await tenantWorld()).tenant.id, 'MEMBER');
    const link = await app.app
      .get(InvitationsService)
      .invite(world.OWNER.actor, { email: joiner.user.email, role: 'ADMIN' });
    // They became a member some other way meanwhile (an operator, say).
    await ownerClient().membership.create({
      data: { tenantId: world.tenant.id, id: randomUUID(), userId: joiner.user.id, role: 'MEMBER' },
    });
    const before = await tenantSnapshot(world.tenant.id);
    await expect(app.app.get(InvitationAcceptance).accept(joiner.actor, tokenOf(link.acceptUrl))).rejects.toMatchObject(
      {
        reason: 'ALREADY_MEMBER',
      },
    );
    expect(await tenantSnapshot(world.tenant.id)).toEqual(before);
  });
});
