import { Module } from '@nestjs/common';
import { PlatformDatabaseModule } from '@warbler/api/core';
import { PlatformAuditLog } from './platform-audit-log';

/** Operator-scoped modules import this to record staff actions through PlatformAuditLog. */
@Module({
  imports: [PlatformDatabaseModule],
  providers: [PlatformAuditLog],
  exports: [PlatformAuditLog],
})
export class PlatformAuditModule {}
