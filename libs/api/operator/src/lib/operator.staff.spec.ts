import { randomUUID } from 'node:crypto';
import {
  type Caller,
  dataOf,
  graphql,
  outcome,
  startTestApp,
  type TestApp,
  signedInStaffAs,
} from '@warbler/api/access/testing';
import { closeOwnerClient, newUser, ownerClient } from '@warbler/api/core/testing';
import { OperatorOps as Ops } from '../testing';
import { OperatorModule } from './operator.module';

interface Account {
  id: string;
  email: string;
  staffRole: string | null;
}

describe('staff accounts and their roles', () => {
  let app: TestApp;
  let admin: { user: { id: string; email: string }; caller: Caller };

  beforeAll(async () => {
    app = await startTestApp([OperatorModule]);
    admin = await signedInStaffAs('PLATFORM_ADMIN');
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
  });

  const grant = (email: string, role: string, caller = admin.caller) =>
    graphql<{ grantStaffRole: Account }>(app, caller, Ops.grantStaffRole, { input: { email, role } });
  const revoke = (userId: string, caller = admin.caller) =>
    graphql<{ revokeStaffRole: Account }>(app, caller, Ops.revokeStaffRole, { userId });
  const platformAuditOf = (targetId: string) =>
    ownerClient().platformAuditEvent.findMany({ where: { targetId }, orderBy: { seq: 'asc' } });
  const liveSession = (userId: string) =>
    ownerClient().session.create({
      data: { id: randomUUID(), userId, expiresAt: new Date(Date.now() + 3_600_000), mfaPassed: true },
    });

  it('lists users with a staff role, not the others', async () => {
    const finance = await newUser({ staffRole: 'FINANCE' });
    const customer = await newUser();
    const accounts = dataOf(
      await graphql<{ staffAccounts: Account[] }>(app, admin.caller, Ops.staffAccounts),
    ).staffAccounts;
    expect(accounts).toContainEqual(expect.objectContaining({ id: finance.id, staffRole: 'FINANCE' }));
    expect(accounts.map((account) => account.id)).not.toContain(customer.id);
  });

  it("gives an existing user a role by e-mail, ends the user's sessions and records it in the platform audit log", async () => {
    const user = await newUser();
    const session = await liveSession(user.id);

    const answer = dataOf(await grant(user.email.toUpperCase(), 'SUPPORT')).grantStaffRole;

    expect(answer).toEqual({ id: user.id, email: user.email, staffRole: 'SUPPORT' });
    expect((await ownerClient().user.findUniqueOrThrow({ where: { id: user.id } })).staffRole).toBe('SUPPORT');
    expect((await ownerClient().session.findUniqueOrThrow({ where: { id: session.id } })).revokedAt).not.toBeNull();
    expect(await platformAuditOf(user.id)).toEqual([
      expect.objectContaining({
        action: 'staff.role_changed',
        actorUserId: admin.user.id,
        actorEmail: admin.user.email,
        actorStaffRole: 'PLATFORM_ADMIN',
        targetType: 'User',
        details: { email: user.email, from: null, to: 'SUPPORT', sessionsEnded: 1 },
      }),
    ]);
  });

  it('changes a role and takes it away, each audited; the same change again records nothing', async () => {
    const user = await newUser({ staffRole: 'SUPPORT' });

    expect(dataOf(await grant(user.email, 'FINANCE')).grantStaffRole.staffRole).toBe('FINANCE');
    expect(dataOf(await grant(user.email, 'FINANCE')).grantStaffRole.staffRole).toBe('FINANCE');
    expect(dataOf(await revoke(user.id)).revokeStaffRole.staffRole).toBeNull();
    expect(dataOf(await revoke(user.id)).revokeStaffRole.staffRole).toBeNull();

    const details = (await platformAuditOf(user.id)).map((event) => event.details);
    expect(details).toEqual([
      expect.objectContaining({ from: 'SUPPORT', to: 'FINANCE' }),
      expect.objectContaining({ from: 'FINANCE', to: null }),
    ]);
  });

  it('refuses changing your own role', async () => {
    expect(outcome(await grant(admin.user.email, 'SUPPORT'))).toBe('FORBIDDEN:OWN_STAFF_ROLE');
    expect(outcome(await revoke(admin.user.id))).toBe('FORBIDDEN:OWN_STAFF_ROLE');
    expect((await ownerClient().user.findUniqueOrThrow({ where: { id: admin.user.id } })).staffRole).toBe(
      'PLATFORM_ADMIN',
    );
    expect(await platformAuditOf(admin.user.id)).toEqual([]);
  });

  it('answers NOT_FOUND for an unknown user and BAD_USER_INPUT for a bad e-mail or role', async () => {
    expect(outcome(await grant('nobody-here@example.test', 'SUPPORT'))).toBe('NOT_FOUND');
    expect(outcome(await revoke(randomUUID()))).toBe('NOT_FOUND');
    expect(outcome(await grant('not an e-mail', 'SUPPORT'))).toBe('BAD_USER_INPUT:VALIDATION_FAILED');
    expect(outcome(await grant('someone@example.test', 'OWNER'))).toBe('BAD_USER_INPUT');
  });

  it('never takes the role of the last platform admin', async () => {
    const last = await newUser({ staffRole: 'PLATFORM_ADMIN' });
    // The caller's token still says platform admin, but another admin took the role away a moment ago.
    await ownerClient().user.updateMany({
      where: { staffRole: 'PLATFORM_ADMIN', id: { not: last.id } },
      data: { staffRole: 'SUPPORT' },
    });
    try {
      expect(outcome(await revoke(last.id))).toBe('CONFLICT:LAST_PLATFORM_ADMIN');
      expect(outcome(await grant(last.email, 'FINANCE'))).toBe('CONFLICT:LAST_PLATFORM_ADMIN');
      expect((await ownerClient().user.findUniqueOrThrow({ where: { id: last.id } })).staffRole).toBe('PLATFORM_ADMIN');
      expect(await platformAuditOf(last.id)).toEqual([]);
    } finally {
      await ownerClient().user.update({ where: { id: admin.user.id }, data: { staffRole: 'PLATFORM_ADMIN' } });
    }
  });

  it('lets only one of two admins demoting each other at once through', async () => {
    await ownerClient().user.updateMany({ where: { staffRole: 'PLATFORM_ADMIN' }, data: { staffRole: 'SUPPORT' } });
    const one = await signedInStaffAs('PLATFORM_ADMIN');
    const two = await signedInStaffAs('PLATFORM_ADMIN');
    try {
      const answers = await Promise.all([revoke(two.user.id, one.caller), revoke(one.user.id, two.caller)]);
      // The loser is refused by the last-admin rule, or, if the winner committed first, by its ended session.
      const outcomes = answers.map(outcome);
      // Exactly one is let through, whichever it is.
      expect(outcomes.filter((answer) => answer === 'OK')).toHaveLength(1);
      const lost = outcomes.find((answer) => answer !== 'OK');
      expect(['CONFLICT:LAST_PLATFORM_ADMIN', 'UNAUTHENTICATED:SESSION_ENDED']).toContain(lost);
      expect(await ownerClient().user.count({ where: { staffRole: 'PLATFORM_ADMIN' } })).toBe(1);
    } finally {
      await ownerClient().user.update({ where: { id: admin.user.id }, data: { staffRole: 'PLATFORM_ADMIN' } });
    }
  });
});
