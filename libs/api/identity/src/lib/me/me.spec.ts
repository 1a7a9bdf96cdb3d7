import { AccessTokens } from '@warbler/api/access';
import { unpackAbility } from '@warbler/shared/permissions';
import { Client } from '../../testing/http-client';
import { closeOwnerClient, newTenant, newUserWithPassword, ownerClient, PASSWORD } from '../../testing/fixtures';
import { type IdentityTestApp, startIdentityApp } from '../../testing/identity-test-app';

const ME = `{ me {
  user { id email displayName } staffRole mfaEnabled mfaRequired mfaSatisfied
  memberships { tenant { id name slug } role } currentTenantId currentRole permissions
} }`;
const MY_SESSIONS = '{ mySessions { id createdAt lastUsedAt userAgent ip current } }';
const REVOKE = 'mutation ($id: ID!) { revokeSession(id: $id) { id current } }';

interface Me {
  user: { id: string; email: string; displayName: string };
  staffRole: string | null;
  mfaEnabled: boolean;
  mfaRequired: boolean;
  mfaSatisfied: boolean;
  memberships: { tenant: { id: string; name: string; slug: string }; role: string }[];
  currentTenantId: string | null;
  currentRole: string | null;
  permissions: Parameters<typeof unpackAbility>[0];
}
interface SessionInfo {
  id: string;
  createdAt: string;
  lastUsedAt: string;
  userAgent: string | null;
  ip: string | null;
  current: boolean;
}

describe('me and my sessions', () => {
  let app: IdentityTestApp;
  let tokens: AccessTokens;

  beforeAll(async () => {
    app = await startIdentityApp();
    tokens = new AccessTokens(app.config);
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
  });

  async function signIn(email: string): Promise<Client> {
    const browser = new Client(app.url);
    expect((await browser.login(email, PASSWORD)).status).toBe(200);
    return browser;
  }

  async function me(browser: Client): Promise<Me> {
    const result = await browser.graphql<{ me: Me }>(ME);
    expect(result.errors).toBeUndefined();
    return result.data?.me as Me;
  }

  describe('me', () => {
    it('lists active memberships and packs the abilities of the current tenant', async () => {
      const user = await newUserWithPassword();
      const owned = await newTenant({ name: 'Aardvark Ltd' });
      const joined = await newTenant({ name: 'Zebra GmbH' });
      const left = await newTenant();
      await ownerClient().membership.createMany({
        data: [
          { tenantId: owned.id, userId: user.id, role: 'OWNER' },
          { tenantId: joined.id, userId: user.id, role: 'MEMBER' },
          { tenantId: left.id, userId: user.id, role: 'ADMIN', status: 'REMOVED' },
        ],
      });
      const browser = await signIn(user.email);

      const outside = await me(browser);
      expect(outside).toMatchObject({
        user: { id: user.id, email: user.email, displayName: user.displayName },
        staffRole: null,
        mfaEnabled: false,
        mfaRequired: false,
        mfaSatisfied: true,
        currentTenantId: null,
        currentRole: null,
      });
      expect(outside.memberships).toEqual([
        { tenant: { id: owned.id, name: owned.name, slug: owned.slug }, role: 'OWNER' },
        { tenant: { id: joined.id, name: joined.name, slug: joined.slug }, role: 'MEMBER' },
      ]);
      const noTenant = unpackAbility(outside.permissions);
      expect(noTenant.can('update', 'Profile')).toBe(true);
      expect(noTenant.can('read', 'Tenant')).toBe(false);

      browser.tenantId = owned.id;
      const asOwner = await me(browser);
      expect(asOwner).toMatchObject({ currentTenantId: owned.id, currentRole: 'OWNER' });
      const owner = unpackAbility(asOwner.permissions);
      expect(owner.can('invite', 'Member')).toBe(true);
      expect(owner.can('transferOwnership', 'Member')).toBe(true);
      expect(owner.can('read', 'AuditLog')).toBe(true);

      browser.tenantId = joined.id;
      const member = unpackAbility((await me(browser)).permissions);
      expect(member.can('read', 'Tenant')).toBe(true);
      expect(member.can('invite', 'Member')).toBe(false);
      expect(member.can('read', 'AuditLog')).toBe(false);

      browser.tenantId = left.id;
      const removed = await browser.graphql(ME);
      expect(removed.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_A_MEMBER' });
    });

    it('gives staff without MFA nothing but their profile and sessions', async () => {
      const staff = await newUserWithPassword({ staffRole: 'FINANCE' });
      const tenant = await newTenant();
      await ownerClient().membership.create({ data: { tenantId: tenant.id, userId: staff.id, role: 'OWNER' } });
      const browser = await signIn(staff.email);
      browser.tenantId = tenant.id;

      const result = await me(browser);
      expect(result).toMatchObject({
        staffRole: 'FINANCE',
        mfaRequired: true,
        mfaSatisfied: false,
        currentRole: 'OWNER',
      });
      const ability = unpackAbility(result.permissions);
      expect(ability.can('read', 'Profile')).toBe(true);
      expect(ability.can('delete', 'Session')).toBe(true);
      expect(ability.can('read', 'Tenant')).toBe(false);
      expect(ability.can('invite', 'Member')).toBe(false);
    });

    it('refuses a caller without an access token', async () => {
      const result = await new Client(app.url).graphql(ME);
      expect(result.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('sessions', () => {
    it('lists only the caller’s active sessions and marks the current one', async () => {
      const alice = await newUserWithPassword();
      const bob = await newUserWithPassword();
      const laptop = await signIn(alice.email);
      const phone = await signIn(alice.email);
      const ended = await signIn(alice.email);
      await ended.logout();
      const bobs = await signIn(bob.email);

      const listed = await laptop.graphql<{ mySessions: SessionInfo[] }>(MY_SESSIONS);
      const sessions = listed.data?.mySessions ?? [];
      const laptopSid = tokens.verify(laptop.accessToken ?? '').sid;
      const phoneSid = tokens.verify(phone.accessToken ?? '').sid;
      expect(sessions.map((session) => session.id).sort()).toEqual([laptopSid, phoneSid].sort());
      expect(sessions.find((session) => session.id === laptopSid)).toMatchObject({
        current: true,
        userAgent: laptop.userAgent,
        ip: laptop.ip,
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      });
      expect(sessions.find((session) => session.id === phoneSid)?.current).toBe(false);

      const bobsList = await bobs.graphql<{ mySessions: SessionInfo[] }>(MY_SESSIONS);
      expect(bobsList.data?.mySessions.map((session) => session.id)).toEqual([
        tokens.verify(bobs.accessToken ?? '').sid,
      ]);
    });

    it('revokes one of the caller’s own sessions at once', async () => {
      const user = await newUserWithPassword();
      const laptop = await signIn(user.email);
      const phone = await signIn(user.email);
      const phoneSid = tokens.verify(phone.accessToken ?? '').sid;

      const revoked = await laptop.graphql<{ revokeSession: { id: string; current: boolean } }>(REVOKE, {
        id: phoneSid,
      });
      expect(revoked.data?.revokeSession).toEqual({ id: phoneSid, current: false });
      expect((await ownerClient().session.findUniqueOrThrow({ where: { id: phoneSid } })).revokedWhy).toBe(
        'revoked by user',
      );

      expect((await phone.graphql(ME)).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
      expect((await phone.refresh()).status).toBe(401);
      expect((await me(laptop)).user.id).toBe(user.id);
    });

    it('answers NOT_FOUND for another user’s session and leaves it alone', async () => {
      const alice = await newUserWithPassword();
      const mallory = await newUserWithPassword();
      const victim = await signIn(alice.email);
      const attacker = await signIn(mallory.email);
      const victimSid = tokens.verify(victim.accessToken ?? '').sid;

      const attempt = await attacker.graphql(REVOKE, { id: victimSid });
      expect(attempt.errors?.[0].extensions.code).toBe('NOT_FOUND');
      expect((await ownerClient().session.findUniqueOrThrow({ where: { id: victimSid } })).revokedAt).toBeNull();
      expect((await me(victim)).user.id).toBe(alice.id);

      const malformed = await attacker.graphql(REVOKE, { id: 'not-a-session-id' });
      expect(malformed.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    });
  });
});
