import { Module } from '@nestjs/common';
import { AuthController } from './auth/auth.controller';
import { LoginRateLimiter } from './auth/login-rate-limiter';
import { LoginService } from './auth/login.service';
import { MeResolver } from './me/me.resolver';
import { MeService } from './me/me.service';
import { MfaEnrollmentService } from './mfa/mfa-enrollment.service';
import { MfaSecretBox } from './mfa/mfa-secret-box';
import { MfaResolver } from './mfa/mfa.resolver';
import { SecondFactor } from './mfa/second-factor';
import { PasswordHasher } from './passwords/password-hasher';
import { SessionIssuer } from './sessions/session-issuer';
import { SessionRefresher } from './sessions/session-refresher';
import { SessionsResolver } from './sessions/sessions.resolver';
import { SessionsService } from './sessions/sessions.service';

/** Sign-in, sessions and MFA. Database, APP_CONFIG and AccessTokens come from the global modules. */
@Module({
  controllers: [AuthController],
  providers: [
    PasswordHasher,
    SessionIssuer,
    SessionsService,
    SessionRefresher,
    LoginRateLimiter,
    LoginService,
    MfaSecretBox,
    SecondFactor,
    MfaEnrollmentService,
    MeService,
    MeResolver,
    SessionsResolver,
    MfaResolver,
  ],
  exports: [PasswordHasher, SessionIssuer],
})
export class IdentityModule {}
