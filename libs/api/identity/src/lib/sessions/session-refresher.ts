import { Inject, Injectable } from '@nestjs/common';
import { AccessTokens } from '@warbler/api/access';
import { APP_CONFIG, type AppConfig, Database, unauthenticated } from '@warbler/api/core';
import type { Response } from 'express';
import { clearRefreshCookie, setRefreshCookie } from './refresh-cookie';
import { newRefreshToken } from './refresh-token';
import { type IssuedAccessToken, SessionIssuer } from './session-issuer';
import { SESSION_USER_SELECT } from './session-user';
import { SessionsService } from './sessions.service';

const REFRESH_REUSE = 'refresh token reuse';
const sessionEnded = () => unauthenticated('This session has ended; sign in again', 'SESSION_ENDED');

/**
 * Exchanges a refresh token for a new access token and a new refresh token in the same
 * session. Each refresh token works once: presenting a spent one means two parties hold
 * the session's tokens, so the whole session ends (OAuth 2.0 Security BCP, 4.14.2).
 */
@Injectable()
export class SessionRefresher {
  constructor(
    private readonly db: Database,
    private readonly tokens: AccessTokens,
    private readonly issuer: SessionIssuer,
    private readonly sessions: SessionsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async refresh(refreshToken: string | null, response: Response): Promise<IssuedAccessToken> {
    try {
      return await this.rotate(refreshToken, response);
    } catch (error) {
      // Whatever went wrong, the browser's cookie is of no further use.
      clearRefreshCookie(response, this.config);
      throw error;
    }
  }

  private async rotate(refreshToken: string | null, response: Response): Promise<IssuedAccessToken> {
    if (!refreshToken) throw unauthenticated('Sign in to continue', 'NO_REFRESH_TOKEN');
    const presented = await this.db.identity.refreshToken.findUnique({
      where: { tokenHash: this.tokens.digest(refreshToken) },
      select: {
        id: true,
        rotatedAt: true,
        session: {
          select: {
            id: true,
            revokedAt: true,
            expiresAt: true,
            mfaPassed: true,
            user: { select: SESSION_USER_SELECT },
          },
        },
      },
    });
    if (!presented) throw unauthenticated('Sign in to continue', 'REFRESH_INVALID');
    const { session } = presented;
    if (presented.rotatedAt) await this.reused(session.id);
    if (session.revokedAt || session.expiresAt <= new Date()) throw sessionEnded();

    const next = newRefreshToken();
    const outcome = await this.db.identity.$transaction(async (tx) => {
      const now = new Date();
      // The conditions repeat the checks above because a concurrent request may have
      // spent this token, or ended the session, since we read them.
      const spent = await tx.refreshToken.updateMany({
        where: { id: presented.id, rotatedAt: null },
        data: { rotatedAt: now },
      });
      if (spent.count === 0) return 'reused';
      const alive = await tx.session.updateMany({
        where: { id: session.id, revokedAt: null, expiresAt: { gt: now } },
        data: { lastUsedAt: now },
      });
      if (alive.count === 0) return 'ended';
      await tx.refreshToken.create({ data: { sessionId: session.id, tokenHash: this.tokens.digest(next) } });
      return 'rotated';
    });
    if (outcome === 'reused') await this.reused(session.id);
    if (outcome === 'ended') throw sessionEnded();

    setRefreshCookie(response, next, session.expiresAt, this.config);
    return this.issuer.accessTokenFor(session.user, session);
  }

  private async reused(sessionId: string): Promise<never> {
    await this.sessions.revoke(sessionId, REFRESH_REUSE);
    throw unauthenticated('This sign-in was used from elsewhere and has been ended; sign in again', 'REFRESH_REUSED');
  }
}
