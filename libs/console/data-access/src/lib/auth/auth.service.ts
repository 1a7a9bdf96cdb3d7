import { HttpClient } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import { Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import {
  AUTH_ROUTES,
  CSRF_HEADERS,
  type AcceptInvitationResponse,
  type LoginOutcome,
  type LoginResponse,
  type MfaProof,
  type TokenResponse,
} from './auth-api';

/**
 * Holds the access token in memory only (never in storage, so a script injected into the
 * page finds nothing that outlives the tab) and renews it from the httpOnly refresh cookie.
 */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly http = inject(HttpClient);
  private readonly router = inject(Router);
  private readonly token = signal<string | null>(null);
  private refreshing: Promise<string | null> | null = null;

  readonly signedIn = computed(() => this.token() !== null);

  accessToken(): string | null {
    return this.token();
  }

  async login(email: string, password: string): Promise<LoginOutcome> {
    const response = await this.post<LoginResponse>(AUTH_ROUTES.login, {
      email,
      password,
    });
    if ('mfaRequired' in response) return { status: 'mfa-required', challenge: response.challenge };
    this.token.set(response.accessToken);
    return { status: 'signed-in' };
  }

  async completeMfa(challenge: string, proof: MfaProof): Promise<void> {
    const response = await this.post<TokenResponse>(AUTH_ROUTES.loginMfa, {
      challenge,
      ...proof,
    });
    this.token.set(response.accessToken);
  }

  /** Creates the account an invitation is for and signs it in; answers the tenant joined. */
  async signUpWithInvitation(token: string, displayName: string, password: string): Promise<string> {
    const response = await this.post<AcceptInvitationResponse>(AUTH_ROUTES.acceptInvitation, {
      token,
      displayName,
      password,
    });
    this.token.set(response.accessToken);
    return response.tenantId;
  }

  /**
   * A new access token from the refresh cookie, or null when the session cannot be renewed.
   * Concurrent callers share one request: the server rotates the cookie on every refresh and
   * treats a second use of the old one as theft, revoking the whole session.
   */
  refresh(): Promise<string | null> {
    this.refreshing ??= this.renew().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  /**
   * Renews after a request sent with `usedToken` was refused. When another request renewed
   * the token meanwhile, the fresh one is answered without asking the server again.
   */
  refreshAfter(usedToken: string | null): Promise<string | null> {
    const current = this.token();
    if (current !== null && current !== usedToken) return Promise.resolve(current);
    return this.refresh();
  }

  async logout(): Promise<void> {
    try {
      await this.post<void>(AUTH_ROUTES.logout, null);
    } finally {
      this.token.set(null);
    }
  }

  /** The session is gone (revoked, expired, reused): forget it and ask the person to sign in. */
  expire(): void {
    if (this.token() === null && this.router.url.startsWith('/login')) return;
    this.token.set(null);
    const returnUrl = this.router.url.startsWith('/login') ? undefined : this.router.url;
    void this.router.navigate(['/login'], {
      queryParams: { returnUrl, expired: 1 },
    });
  }

  private async renew(): Promise<string | null> {
    try {
      const response = await this.exclusively(() => this.post<TokenResponse>(AUTH_ROUTES.refresh, null));
      this.token.set(response.accessToken);
      return response.accessToken;
    } catch {
      this.token.set(null);
      return null;
    }
  }

  /** Tabs share the cookie, so two tabs refreshing at once would also look like reuse. */
  private async exclusively<T>(work: () => Promise<T>): Promise<T> {
    const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
    return locks ? await locks.request('warbler-refresh', work) : work();
  }

  private post<T>(url: string, body: unknown): Promise<T> {
    return firstValueFrom(
      this.http.post<T>(url, body, {
        headers: CSRF_HEADERS,
        withCredentials: true,
      }),
    );
  }
}
