import type { Route } from '@angular/router';
import { mfaPendingGuard, signedOutGuard } from './guards';

/**
 * The pages outside the console. Each loads on demand: the shell imports this library for
 * its guards, and a static import of a page here would put it in the first download.
 */
export const authRoutes: Route[] = [
  {
    path: 'login',
    canActivate: [signedOutGuard],
    title: 'Sign in · Warbler',
    loadComponent: () => import('./login-page').then((m) => m.LoginPage),
  },
  {
    path: 'invite/:token',
    title: 'Invitation · Warbler',
    loadComponent: () => import('./accept-invitation-page').then((m) => m.AcceptInvitationPage),
  },
  {
    path: 'setup-mfa',
    canActivate: [mfaPendingGuard],
    title: 'Set up two-factor authentication · Warbler',
    loadComponent: () => import('./mfa-setup-page').then((m) => m.MfaSetupPage),
  },
];
