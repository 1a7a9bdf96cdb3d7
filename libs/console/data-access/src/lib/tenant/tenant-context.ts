import { Injectable, signal } from '@angular/core';

const STORAGE_KEY = 'warbler.tenantId';

/**
 * The tenant the console works in. Every GraphQL request names it in `X-Tenant-Id`; it is
 * remembered across visits so people land where they left off. SessionStore decides it.
 */
@Injectable({ providedIn: 'root' })
export class TenantContext {
  private readonly current = signal<string | null>(readStored());

  readonly tenantId = this.current.asReadonly();

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

function readStored(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}
