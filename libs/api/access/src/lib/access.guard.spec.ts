import { Controller, Get, Post } from '@nestjs/common';
import { Mutation, Query, Resolver } from '@nestjs/graphql';
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

  @Post('members')
  @Can('invite', 'Member')
  invite() {
    return { reached: true };
  }
}

/** Reads and writes of a tenant, and the writes a suspended tenant keeps. */
@Resolver()
class SuspensionProbeResolver {
  @Query(() => Boolean)
  @Can('read', 'Member')
  readMembersProbe() {
    return true;
  }

  @Mutation(() => Boolean)
  @Can('invite', 'Member')
  inviteProbe() {
    return true;
  }

  @Mutation(() => Boolean)
  @Can('update', 'PaymentMethod')
  payProbe() {
    return true;
  }

  @Mutation(() => Boolean)
  @Can('update', 'Profile')
  profileProbe() {
    return true;
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
      {
        module: class ProbeModule {},
        controllers: [ProbeController],
        providers: [ProbeResolver, SuspensionProbeResolver],
      },
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

  describe('a suspended tenant', () => {
    const gql = async (token: string, tenantId: string, query: string) => {
      const response = await fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-tenant-id': tenantId },
        body: JSON.stringify({ query }),
      });
      const body = (await response.json()) as {
        data: Record<string, unknown> | null;
        errors?: { message: string; extensions: { code: string; reason?: string; details?: unknown } }[];
      };
      const error = body.errors?.[0];
      return error ? { refused: `${error.extensions.code}:${error.extensions.reason}`, error } : { data: body.data };
    };

    async function suspendedOwner(reason: string) {
      const tenant = await newTenant({ name: 'Paused Co' });
      const owner = await newMember(tenant.id, 'OWNER');
      const suspendedAt = new Date('2026-03-02T10:00:00Z');
      await ownerClient().tenant.update({
        where: { id: tenant.id },
        data: { status: 'SUSPENDED', suspendedAt, suspensionReason: reason },
      });
      return { tenantId: tenant.id, token: await bearerFor(owner.user) };
    }

    it('reads, but changes nothing except its payment method and the person’s own account', async () => {
      const { tenantId, token } = await suspendedOwner('PAYMENT_OVERDUE');
      const headers = { authorization: `Bearer ${token}`, 'x-tenant-id': tenantId };

      expect(await gql(token, tenantId, '{ readMembersProbe }')).toEqual({ data: { readMembersProbe: true } });
      expect((await call('members', headers)).status).toBe(200);
      expect(await gql(token, tenantId, 'mutation { payProbe }')).toEqual({ data: { payProbe: true } });
      expect(await gql(token, tenantId, 'mutation { profileProbe }')).toEqual({ data: { profileProbe: true } });

      const refused = await gql(token, tenantId, 'mutation { inviteProbe }');
      expect(refused.refused).toBe('FORBIDDEN:TENANT_SUSPENDED');
      expect(refused.error?.message).toBe(
        'Paused Co is suspended since 2026-03-02 because an invoice is overdue. Everything can still be read, but ' +
          'changes are refused until the overdue invoices are paid: an owner, admin or billing admin can pay them ' +
          'or update the card on file under Plan & billing, and access comes back as soon as they are paid.',
      );
      expect(refused.error?.extensions.details).toEqual({
        suspendedAt: '2026-03-02T10:00:00.000Z',
        suspensionCause: 'PAYMENT_OVERDUE',
      });
      const posted = await fetch(`${app.url}/probe/members`, { method: 'POST', headers });
      expect([posted.status, ((await posted.json()) as { reason: string }).reason]).toEqual([403, 'TENANT_SUSPENDED']);
    });

    it('points to support when the operator suspended it', async () => {
      const { tenantId, token } = await suspendedOwner('Terms of service breach');
      const refused = await gql(token, tenantId, 'mutation { inviteProbe }');
      expect(refused.refused).toBe('FORBIDDEN:TENANT_SUSPENDED');
      expect(refused.error?.message).toBe(
        'Paused Co was suspended by the operator on 2026-03-02. Everything can still be read, but changes are ' +
          'refused until it is reactivated: contact support.',
      );
      expect(refused.error?.message).not.toContain('Terms of service');
    });

    it('takes effect on the next request, and ends on the next request after reactivation', async () => {
      const tenant = await newTenant();
      const owner = await newMember(tenant.id, 'OWNER');
      const token = await bearerFor(owner.user);
      expect(await gql(token, tenant.id, 'mutation { inviteProbe }')).toEqual({ data: { inviteProbe: true } });
      await ownerClient().tenant.update({
        where: { id: tenant.id },
        data: { status: 'SUSPENDED', suspendedAt: new Date(), suspensionReason: 'PAYMENT_OVERDUE' },
      });
      expect((await gql(token, tenant.id, 'mutation { inviteProbe }')).refused).toBe('FORBIDDEN:TENANT_SUSPENDED');
      await ownerClient().tenant.update({
        where: { id: tenant.id },
        data: { status: 'ACTIVE', suspendedAt: null, suspensionReason: null },
      });
      expect(await gql(token, tenant.id, 'mutation { inviteProbe }')).toEqual({ data: { inviteProbe: true } });
    });
  });
});
