import { Module } from '@nestjs/common';
import { AuditModule, PlatformAuditModule } from '@warbler/api/audit';
import { PlatformDatabaseModule } from '@warbler/api/core';
import { NotificationsModule } from '@warbler/api/notifications';
import { StaffAccountsResolver } from './staff/staff-accounts.resolver';
import { StaffAccounts } from './staff/staff-accounts.service';
import { OperatorTenants } from './tenants/operator-tenants.query';
import { OperatorTenantsResolver } from './tenants/operator-tenants.resolver';
import { TenantStanding } from './tenants/tenant-standing.service';

/**
 * The operator console: every tenant for staff, suspension by a platform admin, staff accounts.
 * Reads across tenants with the platform client, and only behind staff permissions.
 */
@Module({
  imports: [PlatformDatabaseModule, AuditModule, PlatformAuditModule, NotificationsModule],
  providers: [OperatorTenants, TenantStanding, OperatorTenantsResolver, StaffAccounts, StaffAccountsResolver],
})
export class OperatorModule {}
