import { inject } from '@angular/core';
import { type CanActivateFn, Router } from '@angular/router';
import { PermissionsService, SessionStore } from '@warbler/console/data-access';
import type { Action, SubjectName } from '@warbler/shared/permissions';

/** The console proper: signed in, and past the second factor when the account needs one. */
export const signedInGuard: CanActivateFn = (_route, state) => {
  const session = inject(SessionStore);
  const router = inject(Router);
  if (!session.ready())
    return router.createUrlTree(['/login'], {
      queryParams: { returnUrl: state.url },
    });
  if (session.mfaPending()) return router.createUrlTree(['/setup-mfa']);
  return true;
};

/** The forced enrolment step, only for sessions that still owe it. */
export const mfaPendingGuard: CanActivateFn = () => {
  const session = inject(SessionStore);
  const router = inject(Router);
  if (!session.ready()) return router.createUrlTree(['/login']);
  return session.mfaPending() || router.createUrlTree(['/']);
};

/** Sign-in is pointless for someone already signed in. */
export const signedOutGuard: CanActivateFn = () => {
  const session = inject(SessionStore);
  return !session.ready() || inject(Router).createUrlTree(['/']);
};

/**
 * Pages for one permission. Hiding the link is not enough: a bookmark or a role change
 * can still lead here, and the page would only fill with refusals.
 */
export function permissionGuard(action: Action, subject: SubjectName): CanActivateFn {
  return () => inject(PermissionsService).can(action, subject) || inject(Router).createUrlTree(['/']);
}

/** Only same-site paths: a crafted `returnUrl` must not send people to another site. */
export function safeReturnUrl(value: string | null | undefined): string {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : '/';
}
