import { Module } from '@nestjs/common';
import { AuditChainVerifier } from './audit-chain.verifier';
import { AuditEventsQuery } from './audit-events.query';
import { AuditLog } from './audit-log';
import { AuditResolver } from './audit.resolver';
import { AuditExportController } from './export/audit-export.controller';

/** Domains import this module to record their changes through AuditLog. */
@Module({
  providers: [AuditLog, AuditEventsQuery, AuditChainVerifier, AuditResolver],
  controllers: [AuditExportController],
  exports: [AuditLog],
})
export class AuditModule {}
