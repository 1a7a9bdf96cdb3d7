import type { Request, Response } from 'express';
import type { AppConfig } from '@warbler/api/core';

export const REFRESH_COOKIE = 'wb_refresh';

/** Only the /auth routes ever need the refresh token, so the browser sends it nowhere else. */
const COOKIE_PATH = '/auth';

function cookieOptions(config: AppConfig) {
  return {
    httpOnly: true,
    sameSite: 'strict' as const,
    path: COOKIE_PATH,
    secure: config.nodeEnv === 'production',
  };
}

export function setRefreshCookie(response: Response, token: string, expiresAt: Date, config: AppConfig): void {
  response.cookie(REFRESH_COOKIE, token, {
    ...cookieOptions(config),
    maxAge: Math.max(0, expiresAt.getTime() - Date.now()),
  });
}

export function clearRefreshCookie(response: Response, config: AppConfig): void {
  response.clearCookie(REFRESH_COOKIE, cookieOptions(config));
}

/** The refresh token cookie-parser found, if any. */
export function readRefreshCookie(request: Request): string | null {
  const value: unknown = request.cookies?.[REFRESH_COOKIE];
  return typeof value === 'string' && value !== '' ? value : null;
}
