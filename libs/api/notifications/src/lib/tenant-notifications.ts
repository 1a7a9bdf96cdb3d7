import { Injectable } from '@nestjs/common';
import type { TenantTx } from '@warbler/api/core';

export interface AdminNotification {
  /** What it is about, e.g. `quota.threshold`. */
  kind: string;
  title: string;
  body: string;
  /** A console path to act on it. */
  link?: string;
  /** At most one notification per key and tenant, e.g. `quota:<metric>:<period start>:80`. */
  dedupeKey: string;
}

/** The roles a notification is for: those who can act on the tenant's keys, plan and quotas. */
const NOTIFIED_ROLES = ['OWNER', 'ADMIN'] as const;

/** How other domains tell a tenant's owners and admins something: in the console and by e-mail. */
@Injectable()
export class TenantNotifications {
  /**
   * Writes the notification unless one with its dedupe key exists and, only when it is new,
   * queues one e-mail per active owner and admin, all in the caller's transaction, which
   * must be bound to `tenantId`. Concurrent calls with the same key are safe: the unique
   * index makes the later wait for the earlier and then insert nothing. Returns whether
   * the notification is new.
   */
  async notifyAdmins(tx: TenantTx, tenantId: string, notification: AdminNotification): Promise<boolean> {
    const { count } = await tx.notification.createMany({
      data: [
        {
          tenantId,
          kind: notification.kind,
          title: notification.title,
          body: notification.body,
          link: notification.link ?? null,
          dedupeKey: notification.dedupeKey,
        },
      ],
      skipDuplicates: true,
    });
    if (count === 0) return false;
    const admins = await tx.membership.findMany({
      where: { tenantId, status: 'ACTIVE', role: { in: [...NOTIFIED_ROLES] } },
      select: { user: { select: { email: true } } },
    });
    await tx.outboxEmail.createMany({
      data: admins.map(({ user }) => ({
        tenantId,
        toEmail: user.email,
        subject: notification.title,
        body: notification.body,
        link: notification.link ?? null,
      })),
    });
    return true;
  }
}
