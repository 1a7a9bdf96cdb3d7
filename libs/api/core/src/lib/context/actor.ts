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
