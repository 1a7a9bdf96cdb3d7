export { AuditModule } from './lib/audit.module';
export { AuditLog, type AuditActor, type AuditEntry } from './lib/audit-log';
export type { AuditChanges, AuditState, FieldChange } from './lib/changes/audit-changes';
export { auditEventHash, canonicalJson, GENESIS_HASH, type AuditHashedFields } from './lib/chain/audit-hash';
export { PageInfo } from './lib/graphql/page-info.model';
export { PlatformAuditModule } from './lib/platform/platform-audit.module';
export * from './lib/platform/platform-audit-log';
