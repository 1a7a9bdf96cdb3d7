import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AccessTokens, clientIp } from '@warbler/api/access';
import { APP_CONFIG, type AppConfig, Database } from '@warbler/api/core';
import { setRefreshCookie } from './refresh-cookie';
import { newRefreshToken } from './refresh-token';
import { mfaSatisfied, type SessionUser } from './session-user';

export interface IssuedAccessToken {
  accessToken: string;
  expiresAt: Date;
}

/** Long user agents are client-controlled; keep enough to recognise the device. */
const USER_AGENT_MAX = 512;

/**
 * Starts sessions and mints their access tokens. A session lasts refreshTokenTtlSeconds
 * from sign-in whatever the refreshes: rotation keeps it alive, never longer.
 */
@Injectable()
export class SessionIssuer {
  constructor(
    private readonly db: Database,
    private readonly tokens: AccessTokens,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async startSession(
    user: SessionUser,
    request: Request,
    response: Response,
    { mfaPassed }: { mfaPassed: boolean },
  ): Promise<IssuedAccessToken> {
    const refreshToken = newRefreshToken();
    const expiresAt = new Date(Date.now() + this.config.refreshTokenTtlSeconds * 1000);
    const session = await this.db.identity.$transaction(async (tx) => {
      const created = await tx.session.create({
        data: {
          userId: user.id,
          userAgent: request.get('user-agent')?.slice(0, USER_AGENT_MAX) ?? null,
          ip: clientIp(request),
          expiresAt,
          mfaPassed,
        },
      });
      await tx.refreshToken.create({
        data: { sessionId: created.id, tokenHash: this.tokens.digest(refreshToken) },
      });
      return created;
    });
    setRefreshCookie(response, refreshToken, session.expiresAt, this.config);
    return this.accessTokenFor(user, session);
  }

  /** The mfa claim is computed from the session row, so it follows enrolment at once. */
  accessTokenFor(user: SessionUser, session: { id: string; mfaPassed: boolean }): IssuedAccessToken {
    const { token, expiresAt } = this.tokens.sign({
      sub: user.id,
      sid: session.id,
      email: user.email,
      staff: user.staffRole,
      mfa: mfaSatisfied(user, session),
    });
    return { accessToken: token, expiresAt };
  }
}
