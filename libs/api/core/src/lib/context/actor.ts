import type { StaffRole, TenantRole } from '../../generated/prisma/enums';

/**
 * Who is acting, resolved once per request by the authentication guard and passed
 * explicitly as the first argument of every service method.
 */
export interface Actor {
  userId: string;
  email: string;
  sessionId: string;
  staffRole: StaffRole | null;
  /** The tenant the request works in (chosen with the X-Tenant-Id header), if any. */
  tenantId: string | null;
  tenantRole: TenantRole | null;
  membershipId: string | null;
  /** The staff member acting as this user during support impersonation. */
  impersonatorUserId: string | null;
  /** False until a staff account, or one with MFA enrolled, has passed its second factor. */
  mfaSatisfied: boolean;
  requestId: string;
  ip: string | null;
}

export type TenantActor = Actor & { tenantId: string; tenantRole: TenantRole; membershipId: string };

export function isTenantActor(actor: Actor): actor is TenantActor {
  return actor.tenantId !== null && actor.tenantRole !== null && actor.membershipId !== null;
}

/** The scopes a tenant API key can carry. */
export const API_KEY_SCOPES = ['usage:write', 'quota:read'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/**
 * A tenant's own software calling with an API key: it acts for exactly one tenant, with
 * the key's scopes only, and every write it makes names the key.
 */
export interface ApiKeyCaller {
  tenantId: string;
  apiKeyId: string;
  /** The key's public prefix, safe to log. */
  prefix: string;
  scopes: ApiKeyScope[];
  requestId: string;
  ip: string | null;
}
