export * from './lib/generated/graphql';
export {
  AUTH_ROUTES,
  type LoginOutcome,
  type MfaProof,
} from './lib/auth/auth-api';
export { AuthService } from './lib/auth/auth.service';
export { TenantContext } from './lib/tenant/tenant-context';
export { SessionStore, type Me } from './lib/session/session.store';
export { PermissionsService } from './lib/permissions/permissions.service';
export {
  liveQuery,
  type LiveQuery,
  type LiveQueryOptions,
} from './lib/query/live-query';
export { dataOf } from './lib/query/data-of';
export { toApiProblem, type ApiProblem } from './lib/errors/api-problem';
export {
  userMessage,
  describeProblem,
  formatWait,
} from './lib/errors/user-message';
export {
  AuditExportService,
  type DownloadedFile,
} from './lib/audit/audit-export.service';
export { provideWarblerData } from './lib/provide-warbler-data';
