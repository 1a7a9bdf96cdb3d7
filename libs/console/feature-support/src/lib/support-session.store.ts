import { computed, inject, Injectable, Injector, signal } from '@angular/core';
import {
  dataOf,
  EndSupportSessionGQL,
  SessionStore,
  type SupportSessionFieldsFragment,
  TenantContext,
} from '@warbler/console/data-access';

const STORAGE_KEY = 'warbler.supportSession';

/**
 * The support session the console works in, if any. Entering it sends every request as the
 * viewed member (X-Support-Session with the session's tenant); leaving returns to the engineer's
 * own account. The session's details are kept for the banner, which must not ask the API: inside
 * the session the API answers as the member.
 */
@Injectable({ providedIn: 'root' })
export class SupportSessionStore {
  private readonly tenant = inject(TenantContext);
  private readonly people = inject(SessionStore);
  // Resolved when a session ends, so the banner on every page needs no GraphQL client to render.
  private readonly injector = inject(Injector);
  private readonly stored = signal<SupportSessionFieldsFragment | null>(readStored());

  /** The session in use: only while the data layer sends its header too. */
  readonly current = computed(() => {
    const session = this.stored();
    return session && this.tenant.supportSessionId() === session.id ? session : null;
  });

  async enter(session: SupportSessionFieldsFragment): Promise<void> {
    this.store(session);
    this.tenant.enterSupportSession(session.tenantId, session.id);
    await this.people.switchTenant(session.tenantId);
  }

  /** Ends the session on the server (from inside it), then leaves it. */
  async end(): Promise<void> {
    const session = this.current();
    if (session) await dataOf(this.injector.get(EndSupportSessionGQL).mutate({ variables: { id: session.id } }));
    await this.leave();
  }

  /** Ends a session the console is not working in (a pending request, say), naming its tenant. */
  async endOutside(session: SupportSessionFieldsFragment): Promise<void> {
    await dataOf(
      this.injector.get(EndSupportSessionGQL).mutate({ variables: { id: session.id, tenantId: session.tenantId } }),
    );
  }

  /** Back to the engineer's own account; the session itself is over or ended elsewhere. */
  async leave(): Promise<void> {
    this.store(null);
    this.tenant.leaveSupportSession();
    await this.people.reload();
  }

  private store(session: SupportSessionFieldsFragment | null): void {
    this.stored.set(session);
    try {
      if (session === null) localStorage.removeItem(STORAGE_KEY);
      else localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    } catch {
      // Without storage the session lasts for this tab only.
    }
  }
}

function readStored(): SupportSessionFieldsFragment | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as SupportSessionFieldsFragment) : null;
  } catch {
    return null;
  }
}
