import { Inject, Injectable } from '@nestjs/common';
import { type KeyObject, createHmac, createSecretKey, timingSafeEqual } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { APP_CONFIG, type AppConfig, type StaffRole, unauthenticated } from '@warbler/api/core';

/** What a short-lived access token says about its bearer. */
export interface AccessClaims {
  /** user id */
  sub: string;
  /** session id: revoking the session ends the token at once */
  sid: string;
  email: string;
  staff: StaffRole | null;
  /** whether the second factor was passed (or is not needed for this account) */
  mfa: boolean;
}

const ISSUER = 'warbler';
const AUDIENCE = 'warbler-console';

@Injectable()
export class AccessTokens {
  /**
   * The secret as a key object, made once: given a string, jsonwebtoken first tries to parse it as a
   * public key on every call and only falls back to a secret key when that throws.
   */
  private readonly signingKey: KeyObject;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.signingKey = createSecretKey(Buffer.from(config.jwtSecret, 'utf8'));
  }

  sign(claims: AccessClaims): { token: string; expiresAt: Date } {
    const token = jwt.sign(claims, this.signingKey, {
      algorithm: 'HS256',
      expiresIn: this.config.accessTokenTtlSeconds,
      issuer: ISSUER,
      audience: AUDIENCE,
    });
    return { token, expiresAt: new Date(Date.now() + this.config.accessTokenTtlSeconds * 1000) };
  }

  verify(token: string): AccessClaims {
    try {
      const payload = jwt.verify(token, this.signingKey, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
      }) as jwt.JwtPayload & AccessClaims;
      return { sub: payload.sub, sid: payload.sid, email: payload.email, staff: payload.staff, mfa: payload.mfa };
    } catch (error) {
      const expired = error instanceof jwt.TokenExpiredError;
      throw unauthenticated(
        expired ? 'Your session has expired; sign in again' : 'The access token is not valid',
        expired ? 'TOKEN_EXPIRED' : 'TOKEN_INVALID',
      );
    }
  }

  /** Short-lived proof that the password was right, exchanged for a session after MFA. */
  signMfaChallenge(userId: string): string {
    return jwt.sign({ sub: userId, purpose: 'mfa' }, this.signingKey, {
      algorithm: 'HS256',
      expiresIn: 300,
      issuer: ISSUER,
      audience: 'warbler-mfa',
    });
  }

  verifyMfaChallenge(token: string): string {
    try {
      const payload = jwt.verify(token, this.signingKey, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: 'warbler-mfa',
      }) as jwt.JwtPayload;
      if (payload['purpose'] !== 'mfa' || !payload.sub) throw new Error('wrong purpose');
      return payload.sub;
    } catch {
      throw unauthenticated('The sign-in step expired; enter your password again', 'MFA_CHALLENGE_INVALID');
    }
  }

  /** Keyed hash for secrets stored server-side (refresh tokens, invitation tokens). */
  digest(secret: string): string {
    return createHmac('sha256', this.config.jwtSecret).update(secret).digest('hex');
  }

  digestMatches(secret: string, expected: string): boolean {
    const actual = Buffer.from(this.digest(secret), 'hex');
    const wanted = Buffer.from(expected, 'hex');
    return actual.length === wanted.length && timingSafeEqual(actual, wanted);
  }
}
