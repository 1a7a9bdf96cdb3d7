import { AuditModule } from '@warbler/api/audit';
import {
  closeOwnerClient,
  newUser,
  ownerClient,
  signedInMember,
  startTestApp,
  tenantWorld,
  tokenOf,
  type TenantWorld,
  type TestApp,
} from '../../testing';
import { TenancyModule } from '../tenancy.module';
import { InvitationAcceptance } from './invitation-acceptance.service';
import { InvitationsService } from './invitations.service';

describe('invitations', () => {
  let app: TestApp;
  let invitations: InvitationsService;
  let acceptance: InvitationAcceptance;
  let world: TenantWorld;

  beforeAll(async () => {
    app = await startTestApp([AuditModule, TenancyModule]);
    invitations = app.app.get(InvitationsService);
    acceptance = app.app.get(InvitationAcceptance);
    world = await tenantWorld();
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
  });

  const freshEmail = async () => (await newUser()).email;
  const stored = (id: string) => ownerClient().invitation.findFirstOrThrow({ where: { id } });

  it('stores the address lower-cased and writes the e-mail to the outbox with the link', async () => {
    const email = `new.${Date.now()}@example.test`;
    const link = await invitations.invite(world.ADMIN.actor, { email: `  ${email.toUpperCase()} `, role: 'MEMBER' });
    expect(link.invitation).toMatchObject({ email, role: 'MEMBER', assignSeat: false, sendCount: 1, expired: false });
    const outbox = await ownerClient().outboxEmail.findMany({ where: { tenantId: world.tenant.id, toEmail: email } });
    expect(outbox).toEqual([
      expect.objectContaining({ link: link.acceptUrl, subject: expect.stringContaining(world.tenant.name) }),
    ]);
    expect(outbox[0].body).toContain(link.acceptUrl);
    const hours = (link.invitation.expiresAt.getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(71.9);
    expect(hours).toBeLessThanOrEqual(72);
  });

  it('refuses a second pending invitation for the same address, even when both race', async () => {
    const email = await freshEmail();
    const results = await Promise.allSettled([
      invitations.invite(world.OWNER.actor, { email, role: 'MEMBER' }),
      invitations.invite(world.ADMIN.actor, { email, role: 'ADMIN' }),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((result) => result.status === 'rejected')).toMatchObject({
      reason: { code: 'CONFLICT', reason: 'DUPLICATE_INVITATION' },
    });
    await expect(invitations.invite(world.OWNER.actor, { email, role: 'MEMBER' })).rejects.toMatchObject({
      reason: 'DUPLICATE_INVITATION',
    });
  });

  it('refuses to invite someone who is already an active member', async () => {
    await expect(
      invitations.invite(world.OWNER.actor, { email: world.MEMBER.user.email, role: 'ADMIN' }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      reason: 'ALREADY_MEMBER',
    });
  });

  it('lets only an owner invite, resend or revoke for the owner role', async () => {
    await expect(
      invitations.invite(world.ADMIN.actor, { email: await freshEmail(), role: 'OWNER' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const link = await invitations.invite(world.OWNER.actor, { email: await freshEmail(), role: 'OWNER' });
    await expect(invitations.resend(world.ADMIN.actor, link.invitation.id)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(invitations.revoke(world.ADMIN.actor, link.invitation.id)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(invitations.revoke(world.OWNER.actor, link.invitation.id)).resolves.toMatchObject({
      id: link.invitation.id,
    });
  });

  it('resends with a new link and expiry, counting the sends; the old link stops working', async () => {
    const first = await invitations.invite(world.OWNER.actor, { email: await freshEmail(), role: 'MEMBER' });
    await ownerClient().invitation.update({
      where: { tenantId_id: { tenantId: world.tenant.id, id: first.invitation.id } },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(
      (await invitations.list(world.OWNER.actor)).find((invitation) => invitation.id === first.invitation.id)?.expired,
    ).toBe(true);
    const again = await invitations.resend(world.ADMIN.actor, first.invitation.id);
    expect(again.acceptUrl).not.toBe(first.acceptUrl);
    expect(again.invitation).toMatchObject({ sendCount: 2, expired: false });
    expect(again.invitation.lastSentAt.getTime()).toBeGreaterThan(first.invitation.lastSentAt.getTime());
    await expect(acceptance.preview(tokenOf(first.acceptUrl))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(acceptance.preview(tokenOf(again.acceptUrl))).resolves.toMatchObject({
      email: first.invitation.email,
    });
    expect(
      await ownerClient().outboxEmail.count({ where: { tenantId: world.tenant.id, toEmail: first.invitation.email } }),
    ).toBe(2);
    const [resent] = await ownerClient().auditEvent.findMany({
      where: { tenantId: world.tenant.id, action: 'invitation.resent', targetId: first.invitation.id },
    });
    expect(Object.keys(resent.changes as object).sort()).toEqual(['expiresAt', 'sendCount']);
  });

  it('answers an expired link with INVITATION_EXPIRED, for preview and acceptance alike', async () => {
    const invitee = await signedInMember((await tenantWorld()).tenant.id, 'MEMBER');
    const link = await invitations.invite(world.OWNER.actor, { email: invitee.user.email, role: 'MEMBER' });
    await ownerClient().invitation.update({
      where: { tenantId_id: { tenantId: world.tenant.id, id: link.invitation.id } },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const expired = { code: 'BAD_USER_INPUT', reason: 'INVITATION_EXPIRED' };
    await expect(acceptance.preview(tokenOf(link.acceptUrl))).rejects.toMatchObject(expired);
    await expect(acceptance.accept(invitee.actor, tokenOf(link.acceptUrl))).rejects.toMatchObject(expired);
    expect((await stored(link.invitation.id)).status).toBe('PENDING');
  });

  it('answers a revoked, used or unknown link with NOT_FOUND', async () => {
    const invitee = await signedInMember((await tenantWorld()).tenant.id, 'MEMBER');
    const revoked = await invitations.invite(world.OWNER.actor, { email: invitee.user.email, role: 'MEMBER' });
    await invitations.revoke(world.ADMIN.actor, revoked.invitation.id);
    await expect(acceptance.accept(invitee.actor, tokenOf(revoked.acceptUrl))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(invitations.revoke(world.ADMIN.actor, revoked.invitation.id)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(invitations.resend(world.ADMIN.actor, revoked.invitation.id)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });

    const used = await invitations.invite(world.OWNER.actor, { email: invitee.user.email, role: 'MEMBER' });
    await acceptance.accept(invitee.actor, tokenOf(used.acceptUrl));
    await expect(acceptance.accept(invitee.actor, tokenOf(used.acceptUrl))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(acceptance.preview(tokenOf(used.acceptUrl))).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const forged = `${world.tenant.id}.${'A'.repeat(43)}`;
    await expect(acceptance.preview(forged)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(acceptance.preview('not-a-token')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('accepts only for the address it was sent to', async () => {
    const link = await invitations.invite(world.OWNER.actor, { email: await freshEmail(), role: 'MEMBER' });
    const someoneElse = await signedInMember((await tenantWorld()).tenant.id, 'OWNER');
    await expect(acceptance.accept(someoneElse.actor, tokenOf(link.acceptUrl))).rejects.toMatchObject({
      code: 'FORBIDDEN',
      reason: 'INVITATION_EMAIL_MISMATCH',
    });
    expect((await stored(link.invitation.id)).status).toBe('PENDING');
    expect(
      await ownerClient().membership.count({ where: { tenantId: world.tenant.id, userId: someoneElse.user.id } }),
    ).toBe(0);
  });

  it('lists pending invitations only, newest first', async () => {
    const own = await tenantWorld();
    const older = await invitations.invite(own.OWNER.actor, { email: await freshEmail(), role: 'MEMBER' });
    const newer = await invitations.invite(own.OWNER.actor, {
      email: await freshEmail(),
      role: 'ADMIN',
      assignSeat: true,
    });
    const gone = await invitations.invite(own.OWNER.actor, { email: await freshEmail(), role: 'MEMBER' });
    await invitations.revoke(own.OWNER.actor, gone.invitation.id);
    expect((await invitations.list(own.ADMIN.actor)).map((invitation) => invitation.id)).toEqual([
      newer.invitation.id,
      older.invitation.id,
    ]);
  });
});
