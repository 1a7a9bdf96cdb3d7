import { randomUUID } from 'node:crypto';
import {
  type Caller,
  dataOf,
  graphql,
  outcome,
  startTestApp,
  type TestApp,
  signedInTenantMember,
  signedInStaffAs,
} from '@warbler/api/access/testing';
import { closeOwnerClient, newMember, newTenant, ownerClient } from '@warbler/api/core/testing';
import { TenancyModule } from '@warbler/api/tenancy';
import { marker, OperatorOps as Ops } from '../testing';
import { OperatorModule } from './operator.module';

const CHANGE_ROLE = `mutation ($memberId: ID!, $role: TenantRole!) { changeMemberRole(memberId: $memberId, role: $role) { id role } }`;

interface Standing {
  status: string;
  suspendedAt: string | null;
  suspensionReason: string | null;
  suspendedForNonPayment: boolean;
}

describe('suspending and reactivating a tenant', () => {
  let app: TestApp;
  let admin: { user: { id: string; email: string }; caller: Caller };

  beforeAll(async () => {
    app = await startTestApp([OperatorModule, TenancyModule]);
    admin = await signedInStaffAs('PLATFORM_ADMIN');
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
  });

  async function tenantWithOwner() {
    const tenant = await newTenant({ name: `Standing ${marker()}` });
    const owner = await signedInTenantMember(tenant.id, 'OWNER');
    const member = await newMember(tenant.id, 'MEMBER');
    return { tenant, owner, member };
  }

  const suspend = (tenantId: string, reason: string, caller = admin.caller) =>
    graphql<{ suspendTenant: Standing }>(app, caller, Ops.suspendTenant, { input: { tenantId, reason } });
  const reactivate = (tenantId: string, reason: string, caller = admin.caller) =>
    graphql<{ reactivateTenant: Standing }>(app, caller, Ops.reactivateTenant, { input: { tenantId, reason } });
  const auditOf = (tenantId: string) =>
    ownerClient().auditEvent.findMany({ where: { tenantId }, orderBy: { seq: 'asc' } });

  it("suspends with the reason, refuses the tenant's changes, and records who and why in its audit log", async () => {
    const { tenant, owner, member } = await tenantWithOwner();
    const bystander = await tenantWithOwner();

    const answer = dataOf(await suspend(tenant.id, '  Spam reported by three carriers  ')).suspendTenant;

    expect(answer).toMatchObject({
      status: 'SUSPENDED',
      suspensionReason: 'Spam reported by three carriers',
      suspendedForNonPayment: false,
    });
    const refused = await graphql(app, owner.caller, CHANGE_ROLE, { memberId: member.membership.id, role: 'ADMIN' });
    expect(outcome(refused)).toBe('FORBIDDEN:TENANT_SUSPENDED');
    const events = await auditOf(tenant.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'tenant.suspended',
      actorUserId: admin.user.id,
      actorEmail: admin.user.email,
      targetType: 'Tenant',
      targetId: tenant.id,
    });
    expect(events[0].changes).toMatchObject({
      status: { before: 'ACTIVE', after: 'SUSPENDED' },
      suspensionReason: { before: null, after: 'Spam reported by three carriers' },
    });
    const notices = await ownerClient().notification.findMany({ where: { tenantId: tenant.id } });
    expect(notices.map((notice) => notice.kind)).toEqual(['tenant.suspended']);
    // Another tenant is untouched: still active, nothing in its log, its owner still changes things.
    expect((await ownerClient().tenant.findUniqueOrThrow({ where: { id: bystander.tenant.id } })).status).toBe(
      'ACTIVE',
    );
    expect(await auditOf(bystander.tenant.id)).toEqual([]);
    const allowed = await graphql(app, bystander.owner.caller, CHANGE_ROLE, {
      memberId: bystander.member.membership.id,
      role: 'ADMIN',
    });
    expect(outcome(allowed)).toBe('OK');
  });

  it('answers CONFLICT to suspending a suspended tenant, and changes nothing', async () => {
    const { tenant } = await tenantWithOwner();
    dataOf(await suspend(tenant.id, 'first'));
    const before = await ownerClient().tenant.findUniqueOrThrow({ where: { id: tenant.id } });

    expect(outcome(await suspend(tenant.id, 'second'))).toBe('CONFLICT:TENANT_ALREADY_SUSPENDED');

    expect(await ownerClient().tenant.findUniqueOrThrow({ where: { id: tenant.id } })).toEqual(before);
    expect(await auditOf(tenant.id)).toHaveLength(1);
  });

  it('reactivates with a reason, accepts changes again, and records it', async () => {
    const { tenant, owner, member } = await tenantWithOwner();
    dataOf(await suspend(tenant.id, 'chargeback investigation'));

    const answer = dataOf(await reactivate(tenant.id, 'Investigation closed')).reactivateTenant;

    expect(answer).toMatchObject({ status: 'ACTIVE', suspendedAt: null, suspensionReason: null });
    const allowed = await graphql(app, owner.caller, CHANGE_ROLE, { memberId: member.membership.id, role: 'ADMIN' });
    expect(outcome(allowed)).toBe('OK');
    const events = await auditOf(tenant.id);
    expect(events.map((event) => event.action)).toEqual([
      'tenant.suspended',
      'tenant.reactivated',
      'member.role_changed',
    ]);
    expect(events[1].changes).toMatchObject({
      status: { before: 'SUSPENDED', after: 'ACTIVE' },
      suspensionReason: { before: 'chargeback investigation', after: null },
      reactivationReason: { before: null, after: 'Investigation closed' },
    });
  });

  it('answers CONFLICT to reactivating an active tenant', async () => {
    const { tenant } = await tenantWithOwner();
    expect(outcome(await reactivate(tenant.id, 'why not'))).toBe('CONFLICT:TENANT_NOT_SUSPENDED');
    expect(await auditOf(tenant.id)).toEqual([]);
  });

  it('leaves a suspension for non-payment to payment, and refuses to suspend it again', async () => {
    const { tenant } = await tenantWithOwner();
    const suspendedAt = new Date(Date.now() - 86_400_000);
    await ownerClient().tenant.update({
      where: { id: tenant.id },
      data: { status: 'SUSPENDED', suspendedAt, suspensionReason: 'PAYMENT_OVERDUE' },
    });

    expect(outcome(await reactivate(tenant.id, 'customer promised to pay'))).toBe('CONFLICT:SUSPENDED_FOR_NON_PAYMENT');
    expect(outcome(await suspend(tenant.id, 'abuse too'))).toBe('CONFLICT:TENANT_ALREADY_SUSPENDED');

    expect(await ownerClient().tenant.findUniqueOrThrow({ where: { id: tenant.id } })).toMatchObject({
      status: 'SUSPENDED',
      suspendedAt,
      suspensionReason: 'PAYMENT_OVERDUE',
    });
    expect(await auditOf(tenant.id)).toEqual([]);
  });

  it('refuses a blank reason, the reason dunning gives, and an unknown tenant', async () => {
    const { tenant } = await tenantWithOwner();
    expect(outcome(await suspend(tenant.id, '   '))).toBe('BAD_USER_INPUT:VALIDATION_FAILED');
    expect(outcome(await suspend(tenant.id, 'x'.repeat(501)))).toBe('BAD_USER_INPUT:VALIDATION_FAILED');
    expect(outcome(await suspend(tenant.id, 'PAYMENT_OVERDUE'))).toBe('BAD_USER_INPUT:RESERVED_REASON');
    expect(outcome(await suspend(randomUUID(), 'abuse'))).toBe('NOT_FOUND');
    dataOf(await suspend(tenant.id, 'abuse'));
    expect(outcome(await reactivate(tenant.id, ''))).toBe('BAD_USER_INPUT:VALIDATION_FAILED');
    expect(outcome(await reactivate(randomUUID(), 'ok'))).toBe('NOT_FOUND');
    expect((await ownerClient().tenant.findUniqueOrThrow({ where: { id: tenant.id } })).status).toBe('SUSPENDED');
  });

  it('lets exactly one of two simultaneous suspensions through', async () => {
    const { tenant } = await tenantWithOwner();
    const answers = await Promise.all([suspend(tenant.id, 'one'), suspend(tenant.id, 'two')]);
    expect(answers.map(outcome).sort()).toEqual(['CONFLICT:TENANT_ALREADY_SUSPENDED', 'OK']);
    expect(await auditOf(tenant.id)).toHaveLength(1);
  });
});
