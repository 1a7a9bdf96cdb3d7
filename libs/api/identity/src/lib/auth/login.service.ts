import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AccessTokens, clientIp } from '@warbler/api/access';
import { badInput, Database, unauthenticated } from '@warbler/api/core';
import { SecondFactor } from '../mfa/second-factor';
import { PasswordHasher } from '../passwords/password-hasher';
import { type IssuedAccessToken, SessionIssuer } from '../sessions/session-issuer';
import { SESSION_USER_SELECT } from '../sessions/session-user';
import { LoginRateLimiter } from './login-rate-limiter';

export type LoginResult = IssuedAccessToken | { mfaRequired: true; challenge: string };

export interface SecondFactorAnswer {
  challenge: string;
  code?: string;
  recoveryCode?: string;
}

const USER_SELECT = { ...SESSION_USER_SELECT, passwordHash: true, mfaSecret: true } as const;

/** One message for an unknown e-mail and a wrong password: the answer never says which. */
const wrongCredentials = () => unauthenticated('Email or password is wrong', 'INVALID_CREDENTIALS');

/**
 * Signing in: the password, then the second factor when the account has one. Failures
 * of either step count towards the same rate limit.
 */
@Injectable()
export class LoginService {
  constructor(
    private readonly db: Database,
    private readonly hasher: PasswordHasher,
    private readonly limiter: LoginRateLimiter,
    private readonly tokens: AccessTokens,
    private readonly secondFactor: SecondFactor,
    private readonly issuer: SessionIssuer,
  ) {}

  async login(email: string, password: string, request: Request, response: Response): Promise<LoginResult> {
    if (typeof email !== 'string' || typeof password !== 'string') {
      throw badInput('Enter your email and password', 'CREDENTIALS_REQUIRED');
    }
    const attempt = { email: email.trim().toLowerCase(), ip: clientIp(request) };
    await this.limiter.assertAllowed(attempt);

    const user = await this.db.identity.user.findUnique({ where: { email: attempt.email }, select: USER_SELECT });
    const passwordOk = user
      ? await this.hasher.verify(user.passwordHash, password)
      : await this.hasher.verifyDecoy(password);
    if (!user || !passwordOk) {
      await this.limiter.recordFailure(attempt);
      throw wrongCredentials();
    }

    if (user.mfaEnabledAt) {
      return { mfaRequired: true, challenge: this.tokens.signMfaChallenge(user.id) };
    }
    await this.limiter.reset(attempt.email);
    // Staff without MFA get a session too, but one that can only enrol (mfa claim false).
    return this.issuer.startSession(user, request, response, { mfaPassed: false });
  }

  async completeMfa(answer: SecondFactorAnswer, request: Request, response: Response): Promise<IssuedAccessToken> {
    if ((answer.code === undefined) === (answer.recoveryCode === undefined)) {
      throw badInput('Send either a code from your authenticator app or a recovery code', 'MFA_CODE_REQUIRED');
    }
    const userId = this.tokens.verifyMfaChallenge(answer.challenge);
    const user = await this.db.identity.user.findUnique({ where: { id: userId }, select: USER_SELECT });
    // The account was deleted or MFA turned off since the password step: start over.
    if (!user?.mfaEnabledAt) {
      throw unauthenticated('The sign-in step expired; enter your password again', 'MFA_CHALLENGE_INVALID');
    }
    const attempt = { email: user.email, ip: clientIp(request) };
    await this.limiter.assertAllowed(attempt);

    const passed =
      answer.code !== undefined
        ? await this.secondFactor.totpMatches(user, answer.code)
        : answer.recoveryCode !== undefined &&
          (await this.secondFactor.redeemRecoveryCode(user.id, answer.recoveryCode));
    if (!passed) {
      await this.limiter.recordFailure(attempt);
      throw unauthenticated('That code is not right; try again', 'INVALID_MFA_CODE');
    }
    await this.limiter.reset(attempt.email);
    return this.issuer.startSession(user, request, response, { mfaPassed: true });
  }
}
