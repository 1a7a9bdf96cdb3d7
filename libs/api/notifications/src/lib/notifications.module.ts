import { Module } from '@nestjs/common';
import { NotificationsResolver } from './notifications.resolver';
import { NotificationsService } from './notifications.service';
import { TenantNotifications } from './tenant-notifications';

/** The console's notifications and the writer other domains notify a tenant's admins with. */
@Module({
  providers: [NotificationsService, NotificationsResolver, TenantNotifications],
  exports: [TenantNotifications],
})
export class NotificationsModule {}
