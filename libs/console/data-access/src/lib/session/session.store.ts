import { computed, inject, Injectable, signal } from '@angular/core';
import { Apollo } from 'apollo-angular';
import { AuthService } from '../auth/auth.service';
import { toApiProblem } from '../errors/api-problem';
import { MeGQL, type MeQuery } from '../generated/graphql';
import { dataOf } from '../query/data-of';
import { TenantContext } from '../tenant/tenant-context';

export type Me = MeQuery['me'];

/** Tenant header problems that mean "the remembered tenant is not yours (any more)". */
const STALE_TENANT = new Set(['NOT_A_MEMBER', 'BAD_TENANT_ID']);

/**
 * Who is signed in, in which tenant, with which role and rules. Loaded after every sign-in
 * and tenant switch; everything that depends on the person reads it from here.
 */
@Injectable({ providedIn: 'root' })
export class SessionStore {
  private readonly auth = inject(AuthService);
  private readonly tenant = inject(TenantContext);
  private readonly apollo = inject(Apollo);
  private readonly meQuery = inject(MeGQL);
  private readonly loaded = signal<Me | null>(null);

  readonly me = this.loaded.asReadonly();
  /** Signed in with `me` loaded; the token alone is not enough to render the console. */
  readonly ready = computed(() => this.auth.signedIn() && this.loaded() !== null);
  readonly mfaPending = computed(() => this.loaded()?.mfaSatisfied === false);
  readonly currentMembership = computed(() => {
    const me = this.loaded();
    return me?.memberships.find((membership) => membership.tenant.id === me.currentTenantId) ?? null;
  });

  /** On app start: a refresh cookie left from an earlier visit signs the person back in. */
  async restore(): Promise<void> {
    if ((await this.auth.refresh()) === null) return;
    try {
      await this.start();
    } catch {
      // The API is unreachable or refused: the guards send the person to sign in.
      this.loaded.set(null);
    }
  }

  /** After any sign-in: load this person, in the tenant remembered if they still belong to it. */
  start(): Promise<Me> {
    return this.load(this.tenant.tenantId());
  }

  /** Reads `me` again, e.g. after a role change or MFA enrolment. */
  reload(): Promise<Me> {
    return this.load(this.tenant.tenantId());
  }

  /** Works in another tenant from now on; pages reload their data for it. */
  switchTenant(tenantId: string): Promise<Me> {
    return this.load(tenantId);
  }

  /** A session that just passed MFA needs a token that says so before anything else works. */
  async completeMfaStep(): Promise<Me> {
    await this.auth.refresh();
    return this.reload();
  }

  async signOut(): Promise<void> {
    try {
      await this.auth.logout();
    } finally {
      this.loaded.set(null);
      await this.apollo.client.clearStore();
    }
  }

  /**
   * Reads `me` for the tenant wanted (falling back to the first membership), and only then
   * switches: the tenant id and the rules for it change together, so no page asks the new
   * tenant for something only the old role allowed.
   */
  private async load(wanted: string | null): Promise<Me> {
    let me = await this.fetchMe(wanted).catch((error: unknown) => {
      const reason = toApiProblem(error).reason ?? '';
      // A support session that ended (expired, ended by the tenant, signed out) leaves the engineer as themselves.
      if (this.tenant.supportSessionId() !== null && reason.startsWith('SUPPORT_')) {
        this.tenant.leaveSupportSession();
        return this.fetchMe(null);
      }
      if (!STALE_TENANT.has(reason)) throw error;
      return this.fetchMe(null);
    });
    const chosen = chooseTenant(
      wanted,
      me.memberships.map((membership) => membership.tenant.id),
    );
    if (chosen !== me.currentTenantId) me = await this.fetchMe(chosen);
    if (chosen !== this.tenant.tenantId() || this.loaded()?.user.id !== me.user.id) {
      // Cached lists belong to the previous tenant or person.
      await this.apollo.client.clearStore();
    }
    this.tenant.select(chosen);
    this.loaded.set(me);
    return me;
  }

  private async fetchMe(tenantId: string | null): Promise<Me> {
    // An empty header is the API's "no tenant", overriding the one the headers link adds.
    const context = { headers: { 'X-Tenant-Id': tenantId ?? '' } };
    return (await dataOf(this.meQuery.fetch({ fetchPolicy: 'network-only', context }))).me;
  }
}

/** The tenant to work in: the one wanted while still a member of it, else the first one. */
export function chooseTenant(wanted: string | null, memberOf: readonly string[]): string | null {
  return wanted !== null && memberOf.includes(wanted) ? wanted : (memberOf[0] ?? null);
}
