import { HttpHeaders } from '@angular/common/http';

/** The REST identity routes; they set and read the httpOnly refresh cookie. */
export const AUTH_ROUTES = {
  login: '/auth/login',
  loginMfa: '/auth/login/mfa',
  refresh: '/auth/refresh',
  logout: '/auth/logout',
  acceptInvitation: '/auth/invitations/accept',
} as const;

/** The API refuses cookie routes without it: a cross-site form cannot set a custom header. */
export const CSRF_HEADERS = new HttpHeaders({ 'X-Requested-With': 'warbler' });

export interface TokenResponse {
  accessToken: string;
  expiresAt: string;
}

export interface MfaChallengeResponse {
  mfaRequired: true;
  challenge: string;
}

export type LoginResponse = TokenResponse | MfaChallengeResponse;

export interface AcceptInvitationResponse extends TokenResponse {
  tenantId: string;
}

/** A second factor: the authenticator app's code, or one of the single-use recovery codes. */
export type MfaProof = { code: string } | { recoveryCode: string };

export type LoginOutcome = { status: 'signed-in' } | { status: 'mfa-required'; challenge: string };
