export * from './lib/notifications.module';
export { TenantNotifications, type AdminNotification } from './lib/tenant-notifications';
