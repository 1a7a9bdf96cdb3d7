import { Injectable } from '@nestjs/common';
import { Database, type TenantActor } from '@warbler/api/core';
import type { NotificationFeedModel } from './graphql/notification.model';

/** A tenant's notifications as one of its admins reads them; read state is per user. */
@Injectable()
export class NotificationsService {
  constructor(private readonly db: Database) {}

  feed(actor: TenantActor, first: number): Promise<NotificationFeedModel> {
    return this.db.forTenant(actor).transaction(async (tx) => {
      const notifications = await tx.notification.findMany({
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: first,
        select: {
          id: true,
          kind: true,
          title: true,
          body: true,
          link: true,
          createdAt: true,
          reads: { where: { userId: actor.userId }, select: { userId: true } },
        },
      });
      const unreadCount = await tx.notification.count({ where: { reads: { none: { userId: actor.userId } } } });
      return {
        items: notifications.map(({ reads, ...notification }) => ({ ...notification, read: reads.length > 0 })),
        unreadCount,
      };
    });
  }

  /** How many of `ids` became read now; already read and unknown ids count nothing. */
  markRead(actor: TenantActor, ids: string[]): Promise<number> {
    if (ids.length === 0) return Promise.resolve(0);
    return this.db.forTenant(actor).transaction(async (tx) => {
      // Row-level security limits this to the tenant's own notifications.
      const known = await tx.notification.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true } });
      const { count } = await tx.notificationRead.createMany({
        data: known.map(({ id }) => ({ tenantId: actor.tenantId, notificationId: id, userId: actor.userId })),
        skipDuplicates: true,
      });
      return count;
    });
  }

  markAllRead(actor: TenantActor): Promise<number> {
    return this.db.forTenant(actor).transaction(
      (tx) => tx.$executeRaw`
        INSERT INTO notification_reads (tenant_id, notification_id, user_id)
        SELECT n.tenant_id, n.id, ${actor.userId}::uuid
        FROM notifications n
        WHERE n.tenant_id = ${actor.tenantId}::uuid
        ON CONFLICT DO NOTHING`,
    );
  }
}
