import request from 'supertest';
import { AuditModule } from '@warbler/api/audit';
import {
  closeOwnerClient,
  graphql,
  newUser,
  ownerClient,
  Ops,
  startTestApp,
  tenantWorld,
  tokenOf,
  type TenantWorld,
  type TestApp,
} from '../../testing';
import { TenancyModule } from '../tenancy.module';
import { InvitationsService } from './invitations.service';

describe('POST /auth/invitations/accept (new account)', () => {
  let app: TestApp;
  let world: TenantWorld;
  const password = 'a long enough passphrase';

  beforeAll(async () => {
    app = await startTestApp([AuditModule, TenancyModule]);
    world = await tenantWorld({ seatLimit: 5 });
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
  });

  const invite = async (email: string, assignSeat = false) =>
    tokenOf(
      (await app.app.get(InvitationsService).invite(world.OWNER.actor, { email, role: 'ADMIN', assignSeat })).acceptUrl,
    );
  const accept = (body: Record<string, unknown>) => request(app.url).post('/auth/invitations/accept').send(body);
  const newAddress = () => `joiner.${Math.random().toString(36).slice(2)}@example.test`;

  it('creates the account, joins the tenant, and signs the new member in', async () => {
    const email = newAddress();
    const response = await accept({ token: await invite(email, true), displayName: '  Joiner  ', password });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      accessToken: expect.any(String),
      expiresAt: expect.any(String),
      tenantId: world.tenant.id,
    });
    expect(String(response.headers['set-cookie'])).toMatch(/wb_refresh=.+HttpOnly/i);

    const user = await ownerClient().user.findUniqueOrThrow({ where: { email } });
    expect(user.displayName).toBe('Joiner');
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    const membership = await ownerClient().membership.findFirstOrThrow({
      where: { tenantId: world.tenant.id, userId: user.id },
    });
    expect(membership).toMatchObject({ role: 'ADMIN', status: 'ACTIVE', seatAssigned: true });
    const event = await ownerClient().auditEvent.findFirstOrThrow({
      where: { tenantId: world.tenant.id, action: 'invitation.accepted', targetId: membership.id },
    });
    expect(event).toMatchObject({
      actorUserId: user.id,
      actorEmail: email,
      requestId: expect.any(String),
      ip: expect.any(String),
    });

    const signedIn = { token: response.body.accessToken as string, tenantId: world.tenant.id };
    expect((await graphql(app, signedIn, Ops.currentTenant)).data).toMatchObject({
      currentTenant: { id: world.tenant.id },
    });
  });

  it('sends an invitee who has an account to sign in instead', async () => {
    const existing = await newUser();
    const token = await invite(existing.email);
    const response = await accept({ token, displayName: 'Someone', password });
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ code: 'CONFLICT', reason: 'ACCOUNT_EXISTS' });
    expect((await graphql(app, null, Ops.invitationPreview, { token })).data).toMatchObject({
      invitationPreview: { accountExists: true },
    });
  });

  it('applies the password policy and creates nothing when it fails', async () => {
    const email = newAddress();
    const response = await accept({ token: await invite(email), displayName: 'Short', password: 'short' });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'WEAK_PASSWORD' });
    expect(await ownerClient().user.count({ where: { email } })).toBe(0);
  });

  it('refuses unknown and expired tokens and malformed bodies', async () => {
    expect(
      (await accept({ token: `${world.tenant.id}.${'B'.repeat(43)}`, displayName: 'X', password })).body,
    ).toMatchObject({ code: 'NOT_FOUND' });
    const email = newAddress();
    const token = await invite(email);
    await ownerClient().invitation.updateMany({
      where: { tenantId: world.tenant.id, email },
      data: { expiresAt: new Date(Date.now() - 1) },
    });
    expect((await accept({ token, displayName: 'X', password })).body).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'INVITATION_EXPIRED',
    });
    const malformed = await accept({ token, displayName: '', password, admin: true });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await ownerClient().user.count({ where: { email } })).toBe(0);
  });
});
