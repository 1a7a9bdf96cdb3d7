import { Controller, Get } from '@nestjs/common';
import { Query, Resolver } from '@nestjs/graphql';
import { closeOwnerClient, newMember, newTenant, newUser, ownerClient } from '@warbler/api/core/testing';
import { bearerFor, startTestApp, type TestApp } from '../testing';
import { Can, Public, SignedIn } from './access-policy';

@Controller('probe')
class ProbeController {
  @Get('undeclared')
  undeclared() {
    return { reached: true };
  }

  @Get('public')
  @Public('a probe for the guard test')
  open() {
    return { reached: true };
  }

  @Get('signed-in')
  @SignedIn()
  signedIn() {
    return { reached: true };
  }

  @Get('members')
  @Can('read', 'Member')
  members() {
    return { reached: true };
  }
}

/** A GraphQL schema needs one query; this one is undeclared, so it must be refused too. */
@Resolver()
class ProbeResolver {
  @Query(() => Boolean)
  undeclaredProbe() {
    return true;
  }
}

describe('AccessGuard', () => {
  let app: TestApp;
  const call = async (path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${app.url}/probe/${path}`, { headers });
    return { status: response.status, body: (await response.json()) as { code?: string; reason?: string } };
  };

  beforeAll(async () => {
    app = await startTestApp([
      { module: class ProbeModule {}, controllers: [ProbeController], providers: [ProbeResolver] },
    ]);
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
  });

  it('refuses a handler that declares no policy, whoever calls', async () => {
    const tenant = await newTenant();
    const owner = await newMember(tenant.id, 'OWNER');
    const token = await bearerFor(owner.user);
    const answer = await call('undeclared', { authorization: `Bearer ${token}`, 'x-tenant-id': tenant.id });
    expect(answer.status).toBe(403);
    expect(answer.body.code).toBe('FORBIDDEN');
  });

  it('refuses an undeclared GraphQL query as well', async () => {
    const response = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ undeclaredProbe }' }),
    });
    const body = (await response.json()) as { data: unknown; errors: { extensions: { code: string } }[] };
    expect(body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(body.data).toBeNull();
  });

  it('lets anyone reach a public handler', async () => {
    expect((await call('public')).status).toBe(200);
  });

  it('asks for a valid, live session on signed-in handlers', async () => {
    expect((await call('signed-in')).body.code).toBe('UNAUTHENTICATED');
    expect((await call('signed-in', { authorization: 'Bearer not-a-token' })).body.code).toBe('UNAUTHENTICATED');
    const user = await newUser();
    const token = await bearerFor(user);
    expect((await call('signed-in', { authorization: `Bearer ${token}` })).status).toBe(200);
    await ownerClient().session.updateMany({ where: { userId: user.id }, data: { revokedAt: new Date() } });
    const revoked = await call('signed-in', { authorization: `Bearer ${token}` });
    expect([revoked.status, revoked.body.reason]).toEqual([401, 'SESSION_ENDED']);
  });

  it('checks the role in the tenant named by X-Tenant-Id', async () => {
    const tenant = await newTenant();
    const other = await newTenant();
    const admin = await newMember(tenant.id, 'ADMIN');
    const member = await newMember(tenant.id, 'MEMBER');
    const adminToken = await bearerFor(admin.user);
    const asAdmin = (tenantId?: string) => ({
      authorization: `Bearer ${adminToken}`,
      ...(tenantId && { 'x-tenant-id': tenantId }),
    });
    expect((await call('members', asAdmin(tenant.id))).status).toBe(200);
    expect((await call('members', asAdmin())).body.code).toBe('FORBIDDEN');
    expect((await call('members', asAdmin(other.id))).body).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'NOT_A_MEMBER',
    });
    expect((await call('members', asAdmin('not-a-uuid'))).body.code).toBe('BAD_USER_INPUT');
    const memberToken = await bearerFor(member.user);
    const asMember = { authorization: `Bearer ${memberToken}`, 'x-tenant-id': tenant.id };
    expect((await call('members', asMember)).body.code).toBe('FORBIDDEN');
  });
});
