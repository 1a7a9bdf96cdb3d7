import { Injectable } from '@nestjs/common';
import { type Actor, Database, DomainError, type TenantStatus, unauthenticated } from '@warbler/api/core';
import { AccessTokens } from './access-tokens';
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

export interface ResolvedActor {
  actor: Actor;
  /** Null when the request names no tenant. */
  tenant: TenantStanding | null;
}

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
    return { actor, tenant: membership?.tenant ?? null };
  }
}
