import { Injectable, signal } from '@angular/core';

const STORAGE_KEY = 'warbler.tenantId';
const SUPPORT_SESSION_KEY = 'warbler.supportSessionId';

/**
 * The tenant the console works in. Every GraphQL request names it in `X-Tenant-Id`; it is
 * remembered across visits so people land where they left off. SessionStore decides it.
 */
@Injectable({ providedIn: 'root' })
export class TenantContext {
  private readonly current = signal<string | null>(readStored());

  readonly tenantId = this.current.asReadonly();

  private readonly supportSession = signal<string | null>(readStored(SUPPORT_SESSION_KEY));

  /** The support session a support engineer works in (X-Support-Session), or null. */
  readonly supportSessionId = this.supportSession.asReadonly();

  /** Works inside a support session from the next request on, in that session's tenant. */
  enterSupportSession(tenantId: string, sessionId: string): void {
    this.supportSession.set(sessionId);
    store(SUPPORT_SESSION_KEY, sessionId);
    this.select(tenantId);
  }

  /** Back to the support engineer's own account, in no tenant. */
  leaveSupportSession(): void {
    this.supportSession.set(null);
    store(SUPPORT_SESSION_KEY, null);
    this.select(null);
  }

  select(tenantId: string | null): void {
    this.current.set(tenantId);
    try {
      if (tenantId === null) localStorage.removeItem(STORAGE_KEY);
      else localStorage.setItem(STORAGE_KEY, tenantId);
    } catch {
      // Storage can be off (private modes, quotas); the choice then lasts for this tab only.
    }
  }
}

function readStored(key = STORAGE_KEY): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function store(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // As for the tenant: without storage the session lasts for this tab only.
  }
}
