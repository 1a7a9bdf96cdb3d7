import { Injectable } from '@nestjs/common';
import { type Actor, Database, DomainError, unauthenticated } from '@warbler/api/core';
import { AccessTokens } from './access-tokens';
import { clientIp, type WarblerRequest } from './request';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Turns a request's bearer token and X-Tenant-Id header into the Actor, once per
 * request. The session is checked on every request, so revoking it takes effect at
 * once, and the tenant role is read fresh, so a role change applies to the next call.
 */
@Injectable()
export class ActorResolver {
  constructor(
    private readonly tokens: AccessTokens,
    private readonly db: Database,
  ) {}

  async resolve(req: WarblerRequest): Promise<Actor> {
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
            select: { id: true, role: true, tenant: { select: { status: true } } },
          })
        : null,
    }));
    if (!session || session.userId !== claims.sub || session.revokedAt || session.expiresAt < new Date()) {
      throw unauthenticated('This session has ended; sign in again', 'SESSION_ENDED');
    }
    if (tenantId !== null && !membership) {
      throw new DomainError('FORBIDDEN', 'You are not a member of this tenant', 'NOT_A_MEMBER');
    }

    return {
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
  }
}
