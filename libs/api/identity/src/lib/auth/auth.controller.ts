import {
  Body,
  Controller,
  HttpCode,
  HttpStatus,
  Inject,
  Post,
  Req,
  Res,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { Public } from '@warbler/api/access';
import { APP_CONFIG, type AppConfig } from '@warbler/api/core';
import { clearRefreshCookie, readRefreshCookie } from '../sessions/refresh-cookie';
import type { IssuedAccessToken } from '../sessions/session-issuer';
import { SessionRefresher } from '../sessions/session-refresher';
import { SessionsService } from '../sessions/sessions.service';
import { CsrfHeaderGuard } from './csrf-header.guard';
import { LoginMfaBody } from './login-mfa.body';
import { LoginBody } from './login.body';
import { type LoginResult, LoginService } from './login.service';
import { RetryAfterInterceptor } from './retry-after.interceptor';

/**
 * Sign-in and the refresh-token cookie. The console keeps the access token in memory
 * only; the refresh token never leaves the httpOnly cookie.
 */
@Controller('auth')
export class AuthController {
  constructor(
    private readonly login: LoginService,
    private readonly refresher: SessionRefresher,
    private readonly sessions: SessionsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('login')
  @Public('signing in is how a caller gets credentials')
  @HttpCode(HttpStatus.OK)
  @UseInterceptors(RetryAfterInterceptor)
  signIn(
    @Body() body: LoginBody,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<LoginResult> {
    return this.login.login(body.email, body.password, request, response);
  }

  @Post('login/mfa')
  @Public('second sign-in step; the signed MFA challenge proves the password step')
  @HttpCode(HttpStatus.OK)
  @UseInterceptors(RetryAfterInterceptor)
  signInSecondFactor(
    @Body() body: LoginMfaBody,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<IssuedAccessToken> {
    return this.login.completeMfa(body, request, response);
  }

  @Post('refresh')
  @Public('authenticated by the refresh-token cookie, not by an access token')
  @HttpCode(HttpStatus.OK)
  @UseGuards(CsrfHeaderGuard)
  refresh(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<IssuedAccessToken> {
    return this.refresher.refresh(readRefreshCookie(request), response);
  }

  @Post('logout')
  @Public('authenticated by the refresh-token cookie; works after the access token expired')
  @HttpCode(HttpStatus.NO_CONTENT)
  @UseGuards(CsrfHeaderGuard)
  async logout(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<void> {
    const refreshToken = readRefreshCookie(request);
    if (refreshToken) await this.sessions.signOut(refreshToken);
    clearRefreshCookie(response, this.config);
  }
}
