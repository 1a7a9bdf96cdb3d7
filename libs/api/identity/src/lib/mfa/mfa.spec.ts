import { generate } from 'otplib';
import { AccessTokens } from '@warbler/api/access';
import { Client } from '../../testing/http-client';
import { closeOwnerClient, newUserWithPassword, ownerClient, PASSWORD } from '../../testing/fixtures';
import { type IdentityTestApp, startIdentityApp } from '../../testing/identity-test-app';

const BEGIN = 'mutation { beginMfaEnrollment { secret otpauthUrl } }';
const CONFIRM = 'mutation ($code: String!) { confirmMfaEnrollment(code: $code) { codes } }';
const REGENERATE = 'mutation ($code: String!) { regenerateRecoveryCodes(code: $code) { codes } }';
const DISABLE = 'mutation ($code: String!) { disableMfa(code: $code) }';
const ME = '{ me { staffRole mfaEnabled mfaRequired mfaSatisfied permissions } }';

/** A well-formed code that the authenticator would not show now, nor a step either side. */
async function notACurrentCode(secret: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const valid = await Promise.all([-30, 0, 30].map((offset) => generate({ secret, epoch: now + offset })));
  return ['000000', '111111', '222222', '333333'].find((code) => !valid.includes(code)) ?? '444444';
}

type Enrollment = { beginMfaEnrollment: { secret: string; otpauthUrl: string } };
type Codes = { codes: string[] };

describe('two-factor authentication', () => {
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

  async function signedIn(overrides: Parameters<typeof newUserWithPassword>[0] = {}) {
    const user = await newUserWithPassword(overrides);
    const browser = new Client(app.url);
    expect((await browser.login(user.email, PASSWORD)).status).toBe(200);
    return { user, browser };
  }

  /** Enrols the signed-in user; answers the TOTP secret and the recovery codes. */
  async function enrol(browser: Client): Promise<{ secret: string; codes: string[] }> {
    const begun = await browser.graphql<Enrollment>(BEGIN);
    const secret = begun.data?.beginMfaEnrollment.secret ?? '';
    const confirmed = await browser.graphql<{ confirmMfaEnrollment: Codes }>(CONFIRM, {
      code: await generate({ secret }),
    });
    expect(confirmed.errors).toBeUndefined();
    return { secret, codes: confirmed.data?.confirmMfaEnrollment.codes ?? [] };
  }

  async function challengeFor(email: string): Promise<{ browser: Client; challenge: string }> {
    const browser = new Client(app.url);
    const response = await browser.login(email, PASSWORD);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ mfaRequired: true, challenge: expect.any(String) });
    expect(browser.refreshToken).toBeUndefined();
    return { browser, challenge: response.body.challenge };
  }

  it('enrols in two steps, stores the secret encrypted, and marks this session MFA-passed', async () => {
    const { user, browser } = await signedIn();
    const begun = await browser.graphql<Enrollment>(BEGIN);
    const { secret, otpauthUrl } = begun.data?.beginMfaEnrollment ?? { secret: '', otpauthUrl: '' };
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUrl).toBe(`otpauth://totp/Warbler:${encodeURIComponent(user.email)}?secret=${secret}&issuer=Warbler`);

    let row = await ownerClient().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.mfaEnabledAt).toBeNull();
    expect(row.mfaSecret?.split(':')).toHaveLength(3);
    expect(row.mfaSecret).not.toContain(secret);
    expect((await browser.graphql<{ me: { mfaEnabled: boolean } }>(ME)).data?.me.mfaEnabled).toBe(false);

    const wrong = await browser.graphql(CONFIRM, { code: await notACurrentCode(secret) });
    expect(wrong.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_MFA_CODE' });
    const malformed = await browser.graphql(CONFIRM, { code: '12ab' });
    expect(malformed.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');

    const confirmed = await browser.graphql<{ confirmMfaEnrollment: Codes }>(CONFIRM, {
      code: await generate({ secret }),
    });
    const codes = confirmed.data?.confirmMfaEnrollment.codes ?? [];
    expect(codes).toHaveLength(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);

    row = await ownerClient().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.mfaEnabledAt).toBeInstanceOf(Date);
    const stored = await ownerClient().mfaRecoveryCode.findMany({ where: { userId: user.id } });
    expect(stored.map((code) => code.codeHash).sort()).toEqual(codes.map((code) => tokens.digest(code)).sort());
    const sid = tokens.verify(browser.accessToken ?? '').sid;
    expect((await ownerClient().session.findUniqueOrThrow({ where: { id: sid } })).mfaPassed).toBe(true);

    const again = await browser.graphql(BEGIN);
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'MFA_ALREADY_ENABLED' });
  });

  it('asks for the second factor at sign-in and accepts a current TOTP code', async () => {
    const { user, browser } = await signedIn();
    const { secret } = await enrol(browser);

    const { browser: next, challenge } = await challengeFor(user.email);
    const wrong = await next.loginMfa({ challenge, code: await notACurrentCode(secret) });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'INVALID_MFA_CODE' });

    const passed = await next.loginMfa({ challenge, code: await generate({ secret }) });
    expect(passed.status).toBe(200);
    const claims = tokens.verify(passed.body.accessToken);
    expect(claims.mfa).toBe(true);
    expect(next.refreshToken).toBeDefined();
    expect((await ownerClient().session.findUniqueOrThrow({ where: { id: claims.sid } })).mfaPassed).toBe(true);
  });

  it('accepts each recovery code once, in any spelling', async () => {
    const { user, browser } = await signedIn();
    const { codes } = await enrol(browser);

    const first = await challengeFor(user.email);
    const used = await first.browser.loginMfa({
      challenge: first.challenge,
      recoveryCode: codes[0].toUpperCase().replace(/-/g, ' '),
    });
    expect(used.status).toBe(200);
    expect(tokens.verify(used.body.accessToken).mfa).toBe(true);

    const second = await challengeFor(user.email);
    const reused = await second.browser.loginMfa({ challenge: second.challenge, recoveryCode: codes[0] });
    expect(reused.status).toBe(401);
    expect((await second.browser.loginMfa({ challenge: second.challenge, recoveryCode: codes[1] })).status).toBe(200);
    const spent = await ownerClient().mfaRecoveryCode.count({ where: { userId: user.id, usedAt: { not: null } } });
    expect(spent).toBe(2);
  });

  it('refuses a bad challenge, and a body with both kinds of code', async () => {
    const { user, browser } = await signedIn();
    const { secret, codes } = await enrol(browser);
    const { browser: next, challenge } = await challengeFor(user.email);

    const forged = await next.loginMfa({
      challenge: tokens.sign({ sub: user.id, sid: user.id, email: user.email, staff: null, mfa: true }).token,
      code: await generate({ secret }),
    });
    expect(forged.status).toBe(401);
    expect(forged.body.reason).toBe('MFA_CHALLENGE_INVALID');
    const both = await next.loginMfa({ challenge, code: await generate({ secret }), recoveryCode: codes[0] });
    expect(both.status).toBe(400);
    const neither = await next.loginMfa({ challenge });
    expect(neither.status).toBe(400);
  });

  it('replaces the recovery codes on request, and the old ones stop working', async () => {
    const { user, browser } = await signedIn();
    const { secret, codes } = await enrol(browser);
    const regenerated = await browser.graphql<{ regenerateRecoveryCodes: Codes }>(REGENERATE, {
      code: await generate({ secret }),
    });
    const fresh = regenerated.data?.regenerateRecoveryCodes.codes ?? [];
    expect(fresh).toHaveLength(10);
    expect(fresh).not.toContain(codes[0]);

    const old = await challengeFor(user.email);
    expect((await old.browser.loginMfa({ challenge: old.challenge, recoveryCode: codes[0] })).status).toBe(401);
    expect((await old.browser.loginMfa({ challenge: old.challenge, recoveryCode: fresh[0] })).status).toBe(200);
  });

  it('turns MFA off for a user who proves the second factor', async () => {
    const { user, browser } = await signedIn();
    const { secret } = await enrol(browser);
    const wrong = await browser.graphql(DISABLE, { code: 'aaaa-bbbb-cccc' });
    expect(wrong.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_MFA_CODE' });

    const disabled = await browser.graphql<{ disableMfa: boolean }>(DISABLE, { code: await generate({ secret }) });
    expect(disabled.data?.disableMfa).toBe(true);
    const row = await ownerClient().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row).toMatchObject({ mfaSecret: null, mfaEnabledAt: null });
    expect(await ownerClient().mfaRecoveryCode.count({ where: { userId: user.id } })).toBe(0);
    expect((await new Client(app.url).login(user.email, PASSWORD)).body.accessToken).toBeDefined();
  });

  describe('staff', () => {
    it('without MFA get a session that can only enrol, until they do', async () => {
      const { browser } = await signedIn({ staffRole: 'SUPPORT' });
      expect(tokens.verify(browser.accessToken ?? '').mfa).toBe(false);
      const before = await browser.graphql<{
        me: { staffRole: string; mfaEnabled: boolean; mfaRequired: boolean; mfaSatisfied: boolean };
      }>(ME);
      expect(before.data?.me).toMatchObject({
        staffRole: 'SUPPORT',
        mfaEnabled: false,
        mfaRequired: true,
        mfaSatisfied: false,
      });

      await enrol(browser);
      // The console refreshes after enrolment: the new token carries the session's MFA state.
      const refreshed = await browser.refresh();
      expect(refreshed.status).toBe(200);
      expect(tokens.verify(refreshed.body.accessToken).mfa).toBe(true);
      const after = await browser.graphql<{ me: { mfaEnabled: boolean; mfaSatisfied: boolean } }>(ME);
      expect(after.data?.me).toMatchObject({ mfaEnabled: true, mfaSatisfied: true });
    });

    it('cannot turn MFA off', async () => {
      const { browser } = await signedIn({ staffRole: 'PLATFORM_ADMIN' });
      const { secret } = await enrol(browser);
      const refused = await browser.graphql(DISABLE, { code: await generate({ secret }) });
      expect(refused.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'MFA_REQUIRED_FOR_STAFF' });
    });
  });

  it('leaves other sessions of the user without the second factor after enrolment', async () => {
    const { user, browser } = await signedIn();
    const other = new Client(app.url);
    await other.login(user.email, PASSWORD);
    await enrol(browser);
    const refreshed = await other.refresh();
    expect(refreshed.status).toBe(200);
    expect(tokens.verify(refreshed.body.accessToken).mfa).toBe(false);
  });
});
