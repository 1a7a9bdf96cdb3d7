import { randomUUID } from 'node:crypto';
import { AccessTokens, ActorResolver, type WarblerRequest } from '@warbler/api/access';
import { Client, setCookies } from '../../testing/http-client';
import { closeOwnerClient, newUserWithPassword, ownerClient, PASSWORD } from '../../testing/fixtures';
import { type IdentityTestApp, startIdentityApp } from '../../testing/identity-test-app';

const ME = '{ me { user { id email } mfaSatisfied } }';

describe('POST /auth/*', () => {
  let app: IdentityTestApp;
  let tokens: AccessTokens;
  const client = () => new Client(app.url);

  beforeAll(async () => {
    app = await startIdentityApp({ loginAttemptsPerWindow: 3, loginWindowSeconds: 600 });
    tokens = new AccessTokens(app.config);
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
  });

  describe('login', () => {
    it('answers an access token and sets the refresh cookie', async () => {
      const user = await newUserWithPassword();
      const browser = client();
      const response = await browser.login(user.email, PASSWORD);

      expect(response.status).toBe(200);
      expect(response.body).toEqual({ accessToken: expect.any(String), expiresAt: expect.any(String) });
      const claims = tokens.verify(response.body.accessToken);
      expect(claims).toMatchObject({ sub: user.id, email: user.email, staff: null, mfa: true });

      const cookie = setCookies(response).find((value) => value.startsWith('wb_refresh='));
      expect(cookie).toMatch(/; HttpOnly/);
      expect(cookie).toMatch(/; SameSite=Strict/);
      expect(cookie).toMatch(/; Path=\/auth/);
      expect(cookie).toMatch(
        new RegExp(`; Max-Age=(${app.config.refreshTokenTtlSeconds}|${app.config.refreshTokenTtlSeconds - 1});`),
      );
      expect(cookie).not.toMatch(/Secure/);

      const session = await ownerClient().session.findUniqueOrThrow({
        where: { id: claims.sid },
        include: { refreshTokens: true },
      });
      expect(session).toMatchObject({
        userId: user.id,
        ip: browser.ip,
        userAgent: browser.userAgent,
        mfaPassed: false,
        revokedAt: null,
      });
      expect(session.expiresAt.getTime()).toBeGreaterThan(Date.now() + (app.config.refreshTokenTtlSeconds - 60) * 1000);
      // Only a keyed hash of the refresh token is stored.
      expect(session.refreshTokens).toEqual([
        expect.objectContaining({ tokenHash: tokens.digest(browser.refreshToken ?? '') }),
      ]);
      expect(session.refreshTokens[0].tokenHash).not.toBe(browser.refreshToken);

      const me = await browser.graphql(ME);
      expect(me.data).toEqual({ me: { user: { id: user.id, email: user.email }, mfaSatisfied: true } });
    });

    it('ignores the case and surrounding spaces of the e-mail', async () => {
      const user = await newUserWithPassword();
      const response = await client().login(`  ${user.email.toUpperCase()} `, PASSWORD);
      expect(response.status).toBe(200);
    });

    it('answers the same 401 for a wrong password and for an unknown e-mail', async () => {
      const user = await newUserWithPassword();
      const wrongPassword = await client().login(user.email, 'not the password at all');
      const unknownEmail = await client().login(`nobody-${randomUUID()}@example.test`, PASSWORD);
      expect(wrongPassword.status).toBe(401);
      expect(unknownEmail.status).toBe(401);
      expect(wrongPassword.body).toEqual({
        code: 'UNAUTHENTICATED',
        message: 'Email or password is wrong',
        reason: 'INVALID_CREDENTIALS',
      });
      expect(unknownEmail.body).toEqual(wrongPassword.body);
      expect(setCookies(wrongPassword)).toEqual([]);
    });

    it('refuses a body without a password as bad input', async () => {
      const response = await client().post('/auth/login').send({ email: 'someone@example.test' });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('rate limiting of failed sign-ins', () => {
    it('blocks an e-mail after N failures, even with the right password, and says when to retry', async () => {
      const user = await newUserWithPassword();
      for (let attempt = 0; attempt < 3; attempt++) {
        // A new client address each time: this is the per-e-mail counter at work.
        expect((await client().login(user.email, 'wrong password here')).status).toBe(401);
      }
      const blocked = await client().login(user.email, PASSWORD);
      expect(blocked.status).toBe(429);
      expect(blocked.body).toEqual({
        code: 'RATE_LIMITED',
        message: expect.stringMatching(/^Too many sign-in attempts; try again in 10 minutes$/),
        retryAfterSeconds: expect.any(Number),
      });
      expect(blocked.body.retryAfterSeconds).toBeGreaterThan(590);
      expect(blocked.body.retryAfterSeconds).toBeLessThanOrEqual(600);
      expect(blocked.headers['retry-after']).toBe(String(blocked.body.retryAfterSeconds));
    });

    it('blocks a client address after N failures across e-mails', async () => {
      const browser = client();
      for (let attempt = 0; attempt < 3; attempt++) {
        expect((await browser.login(`ghost-${randomUUID()}@example.test`, 'wrong password here')).status).toBe(401);
      }
      const user = await newUserWithPassword();
      const blocked = await browser.login(user.email, PASSWORD);
      expect(blocked.status).toBe(429);
      expect(blocked.headers['retry-after']).toBeDefined();
      expect((await client().login(user.email, PASSWORD)).status).toBe(200);
    });

    it('forgets the failures of an e-mail once its owner signs in', async () => {
      const user = await newUserWithPassword();
      await client().login(user.email, 'wrong password here');
      await client().login(user.email, 'wrong password here');
      expect((await client().login(user.email, PASSWORD)).status).toBe(200);
      await client().login(user.email, 'wrong password here');
      await client().login(user.email, 'wrong password here');
      expect((await client().login(user.email, PASSWORD)).status).toBe(200);
    });
  });

  describe('refresh', () => {
    it('needs the X-Requested-With header', async () => {
      const user = await newUserWithPassword();
      const browser = client();
      await browser.login(user.email, PASSWORD);
      for (const path of ['/auth/refresh', '/auth/logout']) {
        const response = await browser.withCookie(browser.post(path));
        expect(response.status).toBe(403);
        expect(response.body).toMatchObject({ code: 'FORBIDDEN', reason: 'CSRF_HEADER_MISSING' });
      }
      expect((await browser.refresh()).status).toBe(200);
    });

    it('answers 401 without a cookie or with an unknown one', async () => {
      const anonymous = client();
      expect((await anonymous.refresh()).status).toBe(401);
      anonymous.refreshToken = 'made-up-token';
      const response = await anonymous.refresh();
      expect(response.status).toBe(401);
      expect(response.body.reason).toBe('REFRESH_INVALID');
    });

    it('rotates the refresh token within the same session', async () => {
      const user = await newUserWithPassword();
      const browser = client();
      const login = await browser.login(user.email, PASSWORD);
      const first = browser.refreshToken ?? '';
      const sid = tokens.verify(login.body.accessToken).sid;

      const refreshed = await browser.refresh();
      expect(refreshed.status).toBe(200);
      expect(browser.refreshToken).toBeDefined();
      expect(browser.refreshToken).not.toBe(first);
      const claims = tokens.verify(refreshed.body.accessToken);
      expect(claims).toMatchObject({ sub: user.id, sid, mfa: true });

      const rows = await ownerClient().refreshToken.findMany({
        where: { sessionId: sid },
        orderBy: { createdAt: 'asc' },
      });
      expect(rows).toHaveLength(2);
      expect(rows[0]).toMatchObject({ tokenHash: tokens.digest(first), rotatedAt: expect.any(Date) });
      expect(rows[1]).toMatchObject({ tokenHash: tokens.digest(browser.refreshToken ?? ''), rotatedAt: null });
      expect((await browser.refresh()).status).toBe(200);
    });

    it('ends the whole session when a spent refresh token comes back', async () => {
      const user = await newUserWithPassword();
      const browser = client();
      const login = await browser.login(user.email, PASSWORD);
      const sid = tokens.verify(login.body.accessToken).sid;
      const stolen = browser.refreshToken;
      await browser.refresh();
      const legitimate = browser.refreshToken;

      const attacker = client();
      attacker.refreshToken = stolen;
      const reuse = await attacker.refresh();
      expect(reuse.status).toBe(401);
      expect(reuse.body).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'REFRESH_REUSED' });
      expect(setCookies(reuse).some((cookie) => cookie.startsWith('wb_refresh=;'))).toBe(true);

      const session = await ownerClient().session.findUniqueOrThrow({ where: { id: sid } });
      expect(session).toMatchObject({ revokedAt: expect.any(Date), revokedWhy: 'refresh token reuse' });

      // The legitimate holder's newest token and its access token stop working too.
      browser.refreshToken = legitimate;
      const after = await browser.refresh();
      expect(after.status).toBe(401);
      expect(after.body.reason).toBe('SESSION_ENDED');
      const me = await browser.graphql(ME);
      expect(me.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'SESSION_ENDED' });
    });

    it('refuses an expired session', async () => {
      const user = await newUserWithPassword();
      const browser = client();
      const login = await browser.login(user.email, PASSWORD);
      await ownerClient().session.update({
        where: { id: tokens.verify(login.body.accessToken).sid },
        data: { expiresAt: new Date(Date.now() - 1000) },
      });
      const response = await browser.refresh();
      expect(response.status).toBe(401);
      expect(response.body.reason).toBe('SESSION_ENDED');
    });
  });

  describe('logout', () => {
    it('revokes the session, clears the cookie and stops the access token at once', async () => {
      const user = await newUserWithPassword();
      const browser = client();
      const login = await browser.login(user.email, PASSWORD);
      const { sid } = tokens.verify(login.body.accessToken);
      const refreshToken = browser.refreshToken;

      const response = await browser.logout();
      expect(response.status).toBe(204);
      expect(setCookies(response).find((cookie) => cookie.startsWith('wb_refresh='))).toMatch(
        /^wb_refresh=; Path=\/auth; Expires=Thu, 01 Jan 1970/,
      );
      expect(await ownerClient().session.findUniqueOrThrow({ where: { id: sid } })).toMatchObject({
        revokedAt: expect.any(Date),
        revokedWhy: 'signed out',
      });

      const me = await browser.graphql(ME);
      expect(me.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
      const resolver = new ActorResolver(tokens, app.db);
      const request = { headers: { authorization: `Bearer ${login.body.accessToken}` } } as unknown as WarblerRequest;
      await expect(resolver.resolve(request)).rejects.toMatchObject({
        code: 'UNAUTHENTICATED',
        reason: 'SESSION_ENDED',
      });

      browser.refreshToken = refreshToken;
      expect((await browser.refresh()).status).toBe(401);
    });

    it('answers 204 without a cookie', async () => {
      expect((await client().logout()).status).toBe(204);
    });
  });
});
