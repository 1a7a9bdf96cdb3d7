import { AuditModule } from '@warbler/api/audit';
import { closeOwnerClient, ownerClient, signedInMember, startTestApp, tenantWorld, type TestApp } from '../../testing';
import { TenancyModule } from '../tenancy.module';
import { MembersService } from './members.service';

describe('members and ownership', () => {
  let app: TestApp;
  let members: MembersService;

  beforeAll(async () => {
    app = await startTestApp([AuditModule, TenancyModule]);
    members = app.app.get(MembersService);
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
  });

  const membershipOf = ({ membership }: { membership: { tenantId: string; id: string } }) =>
    ownerClient().membership.findUniqueOrThrow({
      where: { tenantId_id: { tenantId: membership.tenantId, id: membership.id } },
    });
  const roleOf = async (member: { membership: { tenantId: string; id: string } }) => (await membershipOf(member)).role;

  describe('the last owner', () => {
    it('cannot be demoted, by themselves or anyone', async () => {
      const { OWNER } = await tenantWorld();
      await expect(members.changeRole(OWNER.actor, OWNER.membership.id, 'ADMIN')).rejects.toMatchObject({
        code: 'CONFLICT',
        reason: 'LAST_OWNER',
      });
      expect(await roleOf(OWNER)).toBe('OWNER');
    });

    it('cannot be removed, not even by themselves', async () => {
      const { OWNER } = await tenantWorld();
      await expect(members.remove(OWNER.actor, OWNER.membership.id)).rejects.toMatchObject({
        code: 'CONFLICT',
        reason: 'LAST_OWNER',
      });
      expect((await membershipOf(OWNER)).status).toBe('ACTIVE');
    });

    it('can step down once there is another owner', async () => {
      const world = await tenantWorld();
      const second = await signedInMember(world.tenant.id, 'OWNER');
      await members.remove(world.OWNER.actor, world.OWNER.membership.id);
      await expect(members.changeRole(second.actor, second.membership.id, 'MEMBER')).rejects.toMatchObject({
        reason: 'LAST_OWNER',
      });
    });

    it('survives two owners demoting each other at the same moment', async () => {
      const world = await tenantWorld();
      const second = await signedInMember(world.tenant.id, 'OWNER');
      const results = await Promise.allSettled([
        members.changeRole(world.OWNER.actor, second.membership.id, 'ADMIN'),
        members.changeRole(second.actor, world.OWNER.membership.id, 'ADMIN'),
      ]);
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      expect(
        await ownerClient().membership.count({ where: { tenantId: world.tenant.id, role: 'OWNER', status: 'ACTIVE' } }),
      ).toBe(1);
    });
  });

  describe('transferOwnership', () => {
    it('makes the target an owner and the caller an admin, audited as one event', async () => {
      const world = await tenantWorld();
      const result = await members.transferOwnership(world.OWNER.actor, world.MEMBER.membership.id);
      expect(result.role).toBe('OWNER');
      expect(await roleOf(world.OWNER)).toBe('ADMIN');
      const [event] = await ownerClient().auditEvent.findMany({ where: { tenantId: world.tenant.id } });
      expect(event).toMatchObject({
        action: 'tenant.ownership_transferred',
        targetId: world.MEMBER.membership.id,
        actorUserId: world.OWNER.user.id,
      });
      expect(event.changes).toMatchObject({
        newOwner: { before: { role: 'MEMBER' }, after: { role: 'OWNER' } },
        previousOwner: { before: { role: 'OWNER' }, after: { role: 'ADMIN' } },
      });
    });

    it('is refused to an admin, and to an owner transferring to themselves', async () => {
      const world = await tenantWorld();
      await expect(members.transferOwnership(world.ADMIN.actor, world.MEMBER.membership.id)).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      await expect(members.transferOwnership(world.OWNER.actor, world.OWNER.membership.id)).rejects.toMatchObject({
        code: 'BAD_USER_INPUT',
      });
      expect(await roleOf(world.OWNER)).toBe('OWNER');
      expect(await roleOf(world.MEMBER)).toBe('MEMBER');
    });
  });

  describe('what an admin may do', () => {
    it('manages non-owners but neither touches an owner nor makes one', async () => {
      const world = await tenantWorld();
      const second = await signedInMember(world.tenant.id, 'OWNER');
      const { ADMIN, MEMBER, OWNER } = world;
      await expect(members.changeRole(ADMIN.actor, MEMBER.membership.id, 'BILLING_ADMIN')).resolves.toMatchObject({
        role: 'BILLING_ADMIN',
      });
      await expect(members.changeRole(ADMIN.actor, MEMBER.membership.id, 'OWNER')).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      await expect(members.changeRole(ADMIN.actor, OWNER.membership.id, 'MEMBER')).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      await expect(members.remove(ADMIN.actor, second.membership.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(members.remove(ADMIN.actor, MEMBER.membership.id)).resolves.toMatchObject({ status: 'REMOVED' });
      expect(await roleOf(OWNER)).toBe('OWNER');
      expect(await roleOf(second)).toBe('OWNER');
    });
  });

  it('lists active members only, with who they are', async () => {
    const world = await tenantWorld();
    await members.remove(world.OWNER.actor, world.MEMBER.membership.id);
    const listed = await members.list(world.BILLING_ADMIN.actor);
    expect(listed.map((member) => member.user.email).sort()).toEqual(
      [world.OWNER, world.ADMIN, world.BILLING_ADMIN].map((member) => member.user.email).sort(),
    );
  });

  it('changes nothing and records nothing when the role is already the one asked for', async () => {
    const world = await tenantWorld();
    const unchanged = await members.changeRole(world.OWNER.actor, world.ADMIN.membership.id, 'ADMIN');
    expect(unchanged.role).toBe('ADMIN');
    expect(await ownerClient().auditEvent.count({ where: { tenantId: world.tenant.id } })).toBe(0);
  });
});
