import { Injectable, SetMetadata } from '@nestjs/common';
import {
  type Actor,
  Database,
  DomainError,
  type SupportSessionMode,
  type TenantStatus,
  unauthenticated,
} from '@warbler/api/core';
import { type AccessClaims, AccessTokens } from './access-tokens';
import { clientIp, type WarblerRequest } from './request';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The standing of the tenant a request works in, read with the membership on every request. */
export interface TenantStanding {
  name: string;
  status: TenantStatus;
  suspendedAt: Date | null;
  /** PAYMENT_OVERDUE when dunning suspended the tenant; otherwise a staff member's reason. */
  suspensionReason: string | null;
}

/** The support session a request is made in (X-Support-Session), once it has been checked. */
export interface SupportSessionContext {
  id: string;
  tenantId: string;
  mode: SupportSessionMode;
  expiresAt: Date;
}

export interface ResolvedActor {
  actor: Actor;
  /** Null when the request names no tenant. */
  tenant: TenantStanding | null;
  /** Null unless a support engineer works in the tenant as one of its members. */
  support: SupportSessionContext | null;
}

/** One request made in a support session, as its log keeps it. */
export interface SupportRequestEntry {
  operation: string;
  isChange: boolean;
  /** ADMITTED, or the refusal's code and reason. */
  outcome: string;
}

export const SUPPORT_SESSION_HEADER = 'x-support-session';

export const SUPPORT_SESSION_EXIT = 'warbler:support-session-exit';

/**
 * Marks the one change a support session may always make, whatever its mode: ending itself.
 * The guard lets it through inside a session without the viewed member's abilities.
 */
export const SupportSessionExit = () => SetMetadata(SUPPORT_SESSION_EXIT, true);

const sessionRefused = (message: string, reason: string) => new DomainError('FORBIDDEN', message, reason);

/**
 * Turns a request's bearer token and X-Tenant-Id header into the Actor, once per
 * request. The session is checked on every request, so revoking it takes effect at
 * once, and the tenant role is read fresh, so a role change applies to the next call; so is the
 * tenant's standing, so a suspension or reactivation applies to the next call too.
 */
@Injectable()
export class ActorResolver {
  constructor(
    private readonly tokens: AccessTokens,
    private readonly db: Database,
  ) {}

  async resolve(req: WarblerRequest): Promise<ResolvedActor> {
    const header = req.headers.authorization;
    if (!header?.startsWith('Bearer ')) throw unauthenticated();
    const claims = this.tokens.verify(header.slice('Bearer '.length).trim());

    const tenantHeader = req.headers['x-tenant-id'];
    const tenantId = typeof tenantHeader === 'string' && tenantHeader !== '' ? tenantHeader : null;
    if (tenantId !== null && !UUID.test(tenantId)) {
      throw new DomainError('BAD_USER_INPUT', 'X-Tenant-Id must be a tenant id', 'BAD_TENANT_ID');
    }
    const supportHeader = req.headers[SUPPORT_SESSION_HEADER];
    if (typeof supportHeader === 'string' && supportHeader !== '') {
      if (!UUID.test(supportHeader) || tenantId === null) {
        throw new DomainError(
          'BAD_USER_INPUT',
          'X-Support-Session must be a support session id, sent with the X-Tenant-Id of its tenant',
          'BAD_SUPPORT_SESSION_ID',
        );
      }
      return this.resolveInSupportSession(req, claims, tenantId, supportHeader);
    }

    const { session, membership } = await this.db.forUser(claims.sub).transaction(async (tx) => ({
      session: await tx.session.findUnique({
        where: { id: claims.sid },
        select: { userId: true, revokedAt: true, expiresAt: true },
      }),
      membership: tenantId
        ? await tx.membership.findFirst({
            where: { tenantId, userId: claims.sub, status: 'ACTIVE' },
            select: {
              id: true,
              role: true,
              tenant: { select: { name: true, status: true, suspendedAt: true, suspensionReason: true } },
            },
          })
        : null,
    }));
    if (!session || session.userId !== claims.sub || session.revokedAt || session.expiresAt < new Date()) {
      throw unauthenticated('This session has ended; sign in again', 'SESSION_ENDED');
    }
    if (tenantId !== null && !membership) {
      throw new DomainError('FORBIDDEN', 'You are not a member of this tenant', 'NOT_A_MEMBER');
    }

    const actor: Actor = {
      userId: claims.sub,
      email: claims.email,
      sessionId: claims.sid,
      staffRole: claims.staff,
      tenantId: membership ? tenantId : null,
      tenantRole: membership?.role ?? null,
      membershipId: membership?.id ?? null,
      impersonatorUserId: null,
      mfaSatisfied: claims.mfa,
      requestId: req.requestId,
      ip: clientIp(req),
    };
    return { actor, tenant: membership?.tenant ?? null, support: null };
  }

  /** Appends one request to its support session's log, in the session's tenant. */
  async recordSupportRequest(
    support: SupportSessionContext,
    actor: Pick<Actor, 'requestId'>,
    entry: SupportRequestEntry,
  ): Promise<void> {
    await this.db.forTenant(support).supportSessionRequest.create({
      data: {
        tenantId: support.tenantId,
        supportSessionId: support.id,
        operation: entry.operation.slice(0, 500),
        isChange: entry.isChange,
        outcome: entry.outcome,
        requestId: actor.requestId,
      },
    });
  }

  /**
   * A support engineer's request inside a support session: the actor becomes the member the
   * session views the tenant as (that member's tenant role, no staff role, so no staff power
   * leaks in) with the engineer as impersonator. Everything that makes the session valid is read
   * fresh: the engineer's sign-in and staff role, the session's state and time box, the tenant's
   * stance on support access and the viewed member. An ended, expired or refused session stops
   * working on the very next request; recording how it ended is the support module's.
   */
  private async resolveInSupportSession(
    req: WarblerRequest,
    claims: AccessClaims,
    tenantId: string,
    supportSessionId: string,
  ): Promise<ResolvedActor> {
    const { session, support } = await this.db.forTenant({ tenantId }).transaction(async (tx) => ({
      session: await tx.session.findUnique({
        where: { id: claims.sid },
        select: { userId: true, revokedAt: true, expiresAt: true, user: { select: { staffRole: true } } },
      }),
      support: await tx.supportSession.findFirst({
        where: { id: supportSessionId },
        select: {
          id: true,
          staffUserId: true,
          staffSessionId: true,
          mode: true,
          status: true,
          expiresAt: true,
          tenant: {
            select: { name: true, status: true, suspendedAt: true, suspensionReason: true, supportAccess: true },
          },
          viewedAs: {
            select: {
              id: true,
              role: true,
              status: true,
              user: { select: { id: true, email: true, staffRole: true } },
            },
          },
        },
      }),
    }));
    if (!session || session.userId !== claims.sub || session.revokedAt || session.expiresAt < new Date()) {
      throw unauthenticated('This session has ended; sign in again', 'SESSION_ENDED');
    }
    if (!claims.mfa) {
      throw new DomainError('MFA_REQUIRED', 'Set up two-factor authentication to continue', 'MFA_ENROLMENT_REQUIRED');
    }
    if (session.user.staffRole !== 'SUPPORT') {
      throw sessionRefused('Only support staff work in support sessions', 'SUPPORT_STAFF_ONLY');
    }
    // Another engineer's session, or one opened from another sign-in, is as good as none.
    if (!support || support.staffUserId !== claims.sub || support.staffSessionId !== claims.sid) {
      throw sessionRefused('This support session is not yours, or not of this tenant', 'SUPPORT_SESSION_UNKNOWN');
    }
    if (support.status === 'PENDING_APPROVAL') {
      throw sessionRefused('This support session waits for a platform admin’s approval', 'SUPPORT_SESSION_PENDING');
    }
    if (support.status === 'ENDED' || support.expiresAt <= new Date()) {
      throw sessionRefused('This support session has ended; start a new one to continue', 'SUPPORT_SESSION_ENDED');
    }
    if (support.tenant.supportAccess === 'REFUSED') {
      throw sessionRefused(`${support.tenant.name} refuses support access`, 'SUPPORT_ACCESS_REFUSED');
    }
    const member = support.viewedAs;
    if (member.status !== 'ACTIVE' || member.user.staffRole !== null) {
      throw sessionRefused(
        'The member this session views the tenant as can no longer be viewed as',
        'SUPPORT_VIEWED_MEMBER_GONE',
      );
    }
    const { name, status, suspendedAt, suspensionReason } = support.tenant;
    const actor: Actor = {
      userId: member.user.id,
      email: member.user.email,
      sessionId: claims.sid,
      staffRole: null,
      tenantId,
      tenantRole: member.role,
      membershipId: member.id,
      impersonatorUserId: claims.sub,
      mfaSatisfied: true,
      requestId: req.requestId,
      ip: clientIp(req),
    };
    return {
      actor,
      tenant: { name, status, suspendedAt, suspensionReason },
      support: { id: support.id, tenantId, mode: support.mode, expiresAt: support.expiresAt },
    };
  }
}
