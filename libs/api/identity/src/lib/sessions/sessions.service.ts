import { Injectable } from '@nestjs/common';
import { AccessTokens } from '@warbler/api/access';
import { type Actor, Database, forbidden, notFound } from '@warbler/api/core';

export interface SessionView {
  id: string;
  createdAt: Date;
  lastUsedAt: Date;
  userAgent: string | null;
  ip: string | null;
  current: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const VIEW_SELECT = { id: true, createdAt: true, lastUsedAt: true, userAgent: true, ip: true } as const;

/** A user's own sessions: list them, end one, sign out. */
@Injectable()
export class SessionsService {
  constructor(
    private readonly db: Database,
    private readonly tokens: AccessTokens,
  ) {}

  async listOwn(actor: Actor): Promise<SessionView[]> {
    refuseSupportSession(actor);
    const rows = await this.db.identity.session.findMany({
      where: { userId: actor.userId, revokedAt: null, expiresAt: { gt: new Date() } },
      select: VIEW_SELECT,
      orderBy: { lastUsedAt: 'desc' },
    });
    return rows.map((row) => ({ ...row, current: row.id === actor.sessionId }));
  }

  /** Ends one of the actor's sessions; anyone else's reads as not found, never as forbidden. */
  async revokeOwn(actor: Actor, sessionId: string): Promise<SessionView> {
    if (!UUID.test(sessionId)) throw notFound('Session');
    const where = { id: sessionId, userId: actor.userId };
    await this.db.identity.session.updateMany({
      where: { ...where, revokedAt: null },
      data: { revokedAt: new Date(), revokedWhy: 'revoked by user' },
    });
    const row = await this.db.identity.session.findFirst({ where, select: VIEW_SELECT });
    if (!row) throw notFound('Session');
    return { ...row, current: row.id === actor.sessionId };
  }

  /** Ends the session a refresh token belongs to; unknown tokens are already signed out. */
  async signOut(refreshToken: string): Promise<void> {
    const token = await this.db.identity.refreshToken.findUnique({
      where: { tokenHash: this.tokens.digest(refreshToken) },
      select: { sessionId: true },
    });
    if (token) await this.revoke(token.sessionId, 'signed out');
  }

  async revoke(sessionId: string, why: string): Promise<void> {
    await this.db.identity.session.updateMany({
      where: { id: sessionId, revokedAt: null },
      data: { revokedAt: new Date(), revokedWhy: why },
    });
  }
}

/**
 * A user's sign-ins (their devices, addresses and browsers) are theirs alone: support viewing as
 * them does not see them (nor ends them: no support session may change the viewed user's account).
 */
function refuseSupportSession(actor: Actor): void {
  if (actor.impersonatorUserId)
    throw forbidden('Sign-in sessions are private to their user, also during a support session');
}
