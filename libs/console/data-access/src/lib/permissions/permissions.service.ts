import { computed, inject, Injectable } from '@angular/core';
import { unpackAbility, type AppAbility } from '@warbler/shared/permissions';
import { SessionStore } from '../session/session.store';

type PackedRules = Parameters<typeof unpackAbility>[0];

/**
 * The signed-in person's rules (sent packed in `me.permissions`), for hiding what they
 * cannot do. The API checks every call again; this only spares people dead ends.
 */
@Injectable({ providedIn: 'root' })
export class PermissionsService {
  private readonly session = inject(SessionStore);

  readonly ability = computed<AppAbility>(() => unpackAbility(asPackedRules(this.session.me()?.permissions)));

  /** Reads a signal, so templates and computeds re-evaluate when the rules change. */
  can(...[action, subject]: Parameters<AppAbility['can']>): boolean {
    return this.ability().can(action, subject);
  }
}

/** Anything but a list of packed rules grants nothing. */
function asPackedRules(value: unknown): PackedRules {
  return Array.isArray(value) ? (value as PackedRules) : [];
}
