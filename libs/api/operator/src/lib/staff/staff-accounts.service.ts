import { Injectable } from '@nestjs/common';
import { PlatformAuditLog } from '@warbler/api/audit';
import {
  type Actor,
  conflict,
  DomainError,
  notFound,
  PlatformDatabase,
  type Prisma,
  type StaffRole,
} from '@warbler/api/core';
import type { StaffAccountModel } from '../graphql/staff-account.model';

export const StaffAction = { roleChanged: 'staff.role_changed' } as const;

const ACCOUNT = {
  id: true,
  email: true,
  displayName: true,
  staffRole: true,
  mfaEnabledAt: true,
  createdAt: true,
} as const satisfies Prisma.UserSelect;

type AccountRow = Prisma.UserGetPayload<{ select: typeof ACCOUNT }>;

const toAccount = ({ mfaEnabledAt, ...row }: AccountRow): StaffAccountModel => ({
  ...row,
  mfaEnrolled: mfaEnabledAt !== null,
});

/**
 * Staff accounts and their roles, the platform admin's. A role change ends the user's sessions, since
 * access tokens carry the staff role: the next sign-in gets the new one, not a token up to 15 minutes
 * later. Nobody changes their own role, and the last platform admin keeps theirs.
 */
@Injectable()
export class StaffAccounts {
  constructor(
    private readonly platform: PlatformDatabase,
    private readonly platformAudit: PlatformAuditLog,
  ) {}

  async list(): Promise<StaffAccountModel[]> {
    const rows = await this.platform.client.user.findMany({
      where: { staffRole: { not: null } },
      select: ACCOUNT,
      orderBy: [{ email: 'asc' }],
    });
    return rows.map(toAccount);
  }

  /** Gives an existing user a staff role, or changes theirs; the same role again changes nothing. */
  async grant(actor: Actor, email: string, role: StaffRole): Promise<StaffAccountModel> {
    const user = await this.platform.client.user.findUnique({
      where: { email: email.toLowerCase() },
      select: { id: true },
    });
    if (!user) throw notFound('A user with this e-mail');
    return this.change(actor, user.id, role);
  }

  /** Takes a user's staff role away; a user with none is left as they are. */
  revoke(actor: Actor, userId: string): Promise<StaffAccountModel> {
    return this.change(actor, userId, null);
  }

  private async change(actor: Actor, userId: string, role: StaffRole | null): Promise<StaffAccountModel> {
    if (userId === actor.userId) {
      throw new DomainError('FORBIDDEN', 'Another platform admin must change your own staff role', 'OWN_STAFF_ROLE');
    }
    return this.platform.client.$transaction(async (tx) => {
      // Every platform admin row stays locked until commit, so two admins demoting each other at once
      // cannot both pass the last-admin check.
      const admins = await tx.$queryRaw<{ id: string }[]>`
        SELECT id::text FROM users WHERE staff_role = 'PLATFORM_ADMIN' ORDER BY id FOR UPDATE`;
      const user = await tx.user.findUnique({ where: { id: userId }, select: ACCOUNT });
      if (!user) throw notFound('User');
      if (user.staffRole === role) return toAccount(user);
      if (user.staffRole === 'PLATFORM_ADMIN' && admins.every((admin) => admin.id === userId)) {
        throw conflict(
          'The last platform admin keeps the role: make someone else platform admin first',
          'LAST_PLATFORM_ADMIN',
        );
      }
      const changed = await tx.user.update({ where: { id: userId }, data: { staffRole: role }, select: ACCOUNT });
      const now = new Date();
      const { count: sessionsEnded } = await tx.session.updateMany({
        where: { userId, revokedAt: null, expiresAt: { gt: now } },
        data: { revokedAt: now, revokedWhy: 'staff role changed' },
      });
      await this.platformAudit.record(
        actor,
        {
          action: StaffAction.roleChanged,
          targetType: 'User',
          targetId: userId,
          details: { email: user.email, from: user.staffRole, to: role, sessionsEnded },
        },
        tx,
      );
      return toAccount(changed);
    });
  }
}
