import { randomUUID } from 'node:crypto';
import { bearerFor } from '@warbler/api/access/testing';
import { closeOwnerClient, newMember, newTenant, newUser, ownerClient } from '@warbler/api/core/testing';
import { OperatorOps as Ops } from '@warbler/api/operator/testing';
import { graphql } from './support/http';
import { startApp, type StartedApp } from './support/started-app';

const CHANGE_ROLE = `mutation ($memberId: ID!, $role: TenantRole!) { changeMemberRole(memberId: $memberId, role: $role) { id role } }`;
const TENANT_LOG = `{ auditEvents(first: 10) { edges { node { action actorEmail changes } } } }`;

interface Page {
  operatorTenants: { edges: { node: { id: string; name: string; status: string; ownerEmail: string } }[] };
}

const outcome = (answer: { errors?: { extensions?: { code?: string; reason?: string } }[] }) => {
  const error = answer.errors?.[0];
  return error ? [error.extensions?.code, error.extensions?.reason].filter(Boolean).join(':') : 'OK';
};

/**
 * The operator console against the real application over HTTP: a platform admin finds a tenant,
 * suspends it with a reason the tenant's own audit log shows, and reactivates it; staff roles change
 * at once and are recorded in the platform audit log; tenant people see none of it.
 */
describe('the operator console', () => {
  let started: StartedApp;
  let admin: { id: string; email: string };
  let adminHeaders: Record<string, string>;

  beforeAll(async () => {
    started = await startApp();
    admin = await newUser({ staffRole: 'PLATFORM_ADMIN' });
    adminHeaders = { authorization: `Bearer ${await bearerFor({ ...admin, staffRole: 'PLATFORM_ADMIN' })}` };
  });

  afterAll(async () => {
    await started.close();
    await closeOwnerClient();
  });

  async function tenantWithOwner() {
    const word = `op${randomUUID().replaceAll('-', '').slice(0, 10)}`;
    const tenant = await newTenant({ name: `Operator ${word} Chat` });
    const owner = await newMember(tenant.id, 'OWNER');
    const member = await newMember(tenant.id, 'MEMBER');
    const ownerHeaders = { authorization: `Bearer ${await bearerFor(owner.user)}`, 'x-tenant-id': tenant.id };
    return { word, tenant, owner, member, ownerHeaders };
  }

  it('finds a tenant, suspends it with a reason the tenant sees in its log, then reactivates it', async () => {
    const { word, tenant, owner, member, ownerHeaders } = await tenantWithOwner();

    const found = await graphql<Page>(started.url, Ops.operatorTenants, { search: word }, adminHeaders);
    expect(found.data?.operatorTenants.edges.map((edge) => edge.node)).toEqual([
      expect.objectContaining({ id: tenant.id, status: 'ACTIVE', ownerEmail: owner.user.email }),
    ]);

    const suspended = await graphql(
      started.url,
      Ops.suspendTenant,
      { input: { tenantId: tenant.id, reason: 'Messages reported as spam' } },
      adminHeaders,
    );
    expect(suspended.data?.suspendTenant).toMatchObject({
      status: 'SUSPENDED',
      suspensionReason: 'Messages reported as spam',
    });

    const refused = await graphql(
      started.url,
      CHANGE_ROLE,
      { memberId: member.membership.id, role: 'ADMIN' },
      ownerHeaders,
    );
    expect(outcome(refused)).toBe('FORBIDDEN:TENANT_SUSPENDED');
    expect(refused.errors?.[0].message).toMatch(/was suspended by the operator/);

    const log = await graphql<{
      auditEvents: { edges: { node: { action: string; actorEmail: string; changes: unknown } }[] };
    }>(started.url, TENANT_LOG, {}, ownerHeaders);
    expect(log.data?.auditEvents.edges[0].node).toEqual({
      action: 'tenant.suspended',
      actorEmail: admin.email,
      changes: expect.objectContaining({ suspensionReason: { before: null, after: 'Messages reported as spam' } }),
    });

    const again = await graphql(
      started.url,
      Ops.suspendTenant,
      { input: { tenantId: tenant.id, reason: 'twice' } },
      adminHeaders,
    );
    expect(outcome(again)).toBe('CONFLICT:TENANT_ALREADY_SUSPENDED');

    const reactivated = await graphql(
      started.url,
      Ops.reactivateTenant,
      { input: { tenantId: tenant.id, reason: 'Sender verified' } },
      adminHeaders,
    );
    expect(reactivated.data?.reactivateTenant).toMatchObject({ status: 'ACTIVE', suspensionReason: null });
    const allowed = await graphql(
      started.url,
      CHANGE_ROLE,
      { memberId: member.membership.id, role: 'ADMIN' },
      ownerHeaders,
    );
    expect(outcome(allowed)).toBe('OK');
  });

  it('shows tenant people nothing of it, and lets support read but not suspend', async () => {
    const { tenant, ownerHeaders } = await tenantWithOwner();
    const support = await newUser({ staffRole: 'SUPPORT' });
    const supportHeaders = { authorization: `Bearer ${await bearerFor(support)}` };

    expect(outcome(await graphql(started.url, Ops.operatorTenants, {}, ownerHeaders))).toBe('FORBIDDEN');
    expect(outcome(await graphql(started.url, Ops.operatorTenant, { id: tenant.id }, ownerHeaders))).toBe('FORBIDDEN');
    expect(outcome(await graphql(started.url, Ops.operatorTenant, { id: tenant.id }, supportHeaders))).toBe('OK');
    const suspend = await graphql(
      started.url,
      Ops.suspendTenant,
      { input: { tenantId: tenant.id, reason: 'x' } },
      supportHeaders,
    );
    expect(outcome(suspend)).toBe('FORBIDDEN');
    expect((await ownerClient().tenant.findUniqueOrThrow({ where: { id: tenant.id } })).status).toBe('ACTIVE');
  });

  it("changes a staff role at once: the user's old token stops working, and the change is in the platform audit log", async () => {
    const user = await newUser({ staffRole: 'FINANCE' });
    const oldHeaders = { authorization: `Bearer ${await bearerFor(user)}` };
    expect(outcome(await graphql(started.url, Ops.operatorTenants, { first: 1 }, oldHeaders))).toBe('OK');

    const changed = await graphql(started.url, Ops.revokeStaffRole, { userId: user.id }, adminHeaders);
    expect(outcome(changed)).toBe('OK');

    expect(outcome(await graphql(started.url, Ops.operatorTenants, { first: 1 }, oldHeaders))).toBe(
      'UNAUTHENTICATED:SESSION_ENDED',
    );
    expect(await ownerClient().platformAuditEvent.findMany({ where: { targetId: user.id } })).toEqual([
      expect.objectContaining({
        action: 'staff.role_changed',
        actorUserId: admin.id,
        details: expect.objectContaining({ from: 'FINANCE', to: null }),
      }),
    ]);
  });
});
