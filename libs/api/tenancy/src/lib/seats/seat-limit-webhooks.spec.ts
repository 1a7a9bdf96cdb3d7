import { AuditModule } from '@warbler/api/audit';
import { subscribedEndpoint, webhookEventsOf } from '@warbler/api/webhooks/testing';
import { closeOwnerClient, signedInMember, startTestApp, tenantWorld, type TestApp } from '../../testing';
import { InvitationAcceptance } from '../invitations/invitation-acceptance.service';
import { InvitationsService } from '../invitations/invitations.service';
import { TenancyModule } from '../tenancy.module';
import { SeatsService } from './seats.service';

/** seat_limit.reached for the tenant's webhooks (docs/webhooks.md). */
describe('seat limit webhooks', () => {
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

  async function acceptInvitation(world: Awaited<ReturnType<typeof tenantWorld>>) {
    const invitee = await signedInMember((await tenantWorld()).tenant.id, 'MEMBER');
    const link = await app.app
      .get(InvitationsService)
      .invite(world.OWNER.actor, { email: invitee.user.email, role: 'MEMBER', assignSeat: true });
    const token = link.acceptUrl.slice(link.acceptUrl.lastIndexOf('/') + 1);
    await app.app.get(InvitationAcceptance).accept(invitee.actor, token);
  }

  it('is raised when an assignment takes the last free seat, and not before', async () => {
    const world = await tenantWorld({ seatLimit: 2 });
    await subscribedEndpoint(world.tenant.id, ['seat_limit.reached']);
    await seats.assign(world.OWNER.actor, world.ADMIN.membership.id);
    expect(await webhookEventsOf(world.tenant.id)).toEqual([]);

    await seats.assign(world.OWNER.actor, world.MEMBER.membership.id);
    expect(await webhookEventsOf(world.tenant.id)).toEqual([
      {
        type: 'seat_limit.reached',
        data: { seat_limit: 2, seats_in_use: 2, trigger: 'seat_assigned', member_id: world.MEMBER.membership.id },
        deliveries: 1,
      },
    ]);
  });

  it('is raised when an accepted invitation takes the last seat or finds none free', async () => {
    const world = await tenantWorld({ seatLimit: 1 });
    await subscribedEndpoint(world.tenant.id, ['seat_limit.reached']);
    await acceptInvitation(world);
    await acceptInvitation(world);
    expect((await webhookEventsOf(world.tenant.id)).map((event) => event.data)).toEqual([
      expect.objectContaining({ seat_limit: 1, seats_in_use: 1, trigger: 'invitation_accepted' }),
      expect.objectContaining({ seat_limit: 1, seats_in_use: 1, trigger: 'invitation_accepted' }),
    ]);
  });

  it('writes nothing for a tenant whose endpoints do not subscribe to it', async () => {
    const world = await tenantWorld({ seatLimit: 1 });
    await subscribedEndpoint(world.tenant.id, ['invoice.paid']);
    await seats.assign(world.OWNER.actor, world.ADMIN.membership.id);
    expect(await webhookEventsOf(world.tenant.id)).toEqual([]);
  });
});
