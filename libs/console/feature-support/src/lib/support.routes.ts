import type { Route } from '@angular/router';
import { StartSupportSessionPage } from './start-support-session-page';
import { SupportAccessPage } from './support-access-page';
import { SupportApprovalsPage } from './support-approvals-page';
import { SupportHomePage } from './support-home-page';

/** Support staff's pages, mounted at /support. */
export const supportRoutes: Route[] = [
  { path: '', component: SupportHomePage, title: 'Support · Warbler' },
  { path: 'tenants/:tenantId/start', component: StartSupportSessionPage, title: 'Start a support session · Warbler' },
];

/** Platform admins' queue of write sessions waiting for approval, mounted at /support-approvals. */
export const supportApprovalRoutes: Route[] = [
  { path: '', component: SupportApprovalsPage, title: 'Support approvals · Warbler' },
];

/** The tenant's own support settings and sessions, mounted at /support-access. */
export const supportAccessRoutes: Route[] = [
  { path: '', component: SupportAccessPage, title: 'Support access · Warbler' },
];
