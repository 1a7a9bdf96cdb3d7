import { randomUUID } from 'node:crypto';
import { ownerClient, testConfig } from '@warbler/api/core/testing';
import { ensurePlatformAdmin } from '../../../tools/staff/platform-admin';
import { graphql, postJson } from './support/http';
import { startApp, type StartedApp } from './support/started-app';

/** `npm run staff:platform-admin`: the first way into an installation without demo data. */
describe('the first platform admin of an installation', () => {
  let started: StartedApp;

  beforeAll(async () => {
    started = await startApp();
  });

  afterAll(() => started.close());

  const signIn = async (email: string, password: string) => {
    const response = await postJson(started.url, '/auth/login', { email, password });
    return { status: response.status, token: response.body?.accessToken as string | undefined };
  };

  it('creates a platform admin who signs in and must enrol a second factor before operating', async () => {
    const email = `First.Admin.${randomUUID().slice(0, 8)}@Operator.test`;
    const password = `first-sign-in-${randomUUID()}`;
    const result = await ensurePlatformAdmin(testConfig().databaseUrl, { email, displayName: 'First admin', password });
    expect(result.created).toBe(true);

    const session = await signIn(email.toLowerCase(), password);
    expect(session.status).toBe(200);
    const headers = { authorization: `Bearer ${session.token}` };
    const me = await graphql<{ me: { staffRole: string } }>(started.url, '{ me { staffRole } }', {}, headers);
    expect(me.data?.me.staffRole).toBe('PLATFORM_ADMIN');
    const operating = await graphql(started.url, '{ plans { id } }', {}, headers);
    expect(operating.errors?.[0].extensions?.reason).toBe('MFA_ENROLMENT_REQUIRED');
  });

  it('only adds the role to an existing account, keeping its password, however often it runs', async () => {
    const email = `member-${randomUUID().slice(0, 8)}@operator.test`;
    const password = `original-${randomUUID()}`;
    await ensurePlatformAdmin(testConfig().databaseUrl, { email, displayName: 'Someone', password });
    await ownerClient().user.update({ where: { email }, data: { staffRole: null } });

    const again = await ensurePlatformAdmin(testConfig().databaseUrl, {
      email,
      displayName: 'Someone',
      password: 'another-password-entirely',
    });
    expect(again.created).toBe(false);
    expect(await ownerClient().user.count({ where: { email } })).toBe(1);
    expect((await ownerClient().user.findUnique({ where: { email } }))?.staffRole).toBe('PLATFORM_ADMIN');
    expect((await signIn(email, password)).status).toBe(200);
    expect((await signIn(email, 'another-password-entirely')).status).toBe(401);
  });
});
