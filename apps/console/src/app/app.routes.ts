import type { Route } from '@angular/router';
import { authRoutes, permissionGuard, signedInGuard } from '@warbler/console/feature-auth';
import { Shell } from './shell/shell';

export const appRoutes: Route[] = [
  ...authRoutes,
  {
    path: '',
    component: Shell,
    canActivate: [signedInGuard],
    // A tenant switch navigates to the same URL again so these re-check the new role.
    runGuardsAndResolvers: 'always',
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: 'Overview · Warbler',
        loadComponent: () => import('./overview/overview-page').then((m) => m.OverviewPage),
      },
      {
        path: 'members',
        canActivate: [permissionGuard('read', 'Member')],
        runGuardsAndResolvers: 'always',
        loadChildren: () => import('@warbler/console/feature-members').then((m) => m.membersRoutes),
      },
      {
        path: 'audit',
        canActivate: [permissionGuard('read', 'AuditLog')],
        runGuardsAndResolvers: 'always',
        loadChildren: () => import('@warbler/console/feature-audit').then((m) => m.auditRoutes),
      },
      {
        path: 'usage',
        canActivate: [permissionGuard('read', 'Usage')],
        runGuardsAndResolvers: 'always',
        loadChildren: () => import('@warbler/console/feature-usage').then((m) => m.usageRoutes),
      },
      {
        path: 'api-keys',
        canActivate: [permissionGuard('read', 'ApiKey')],
        runGuardsAndResolvers: 'always',
        loadChildren: () => import('@warbler/console/feature-api-keys').then((m) => m.apiKeysRoutes),
      },
      {
        path: 'webhooks',
        canActivate: [permissionGuard('read', 'Webhook')],
        runGuardsAndResolvers: 'always',
        loadChildren: () => import('@warbler/console/feature-webhooks').then((m) => m.webhooksRoutes),
      },
      {
        path: 'billing',
        canActivate: [permissionGuard('read', 'Subscription')],
        runGuardsAndResolvers: 'always',
        loadChildren: () => import('@warbler/console/feature-billing').then((m) => m.billingRoutes),
      },
      {
        path: 'invoices',
        canActivate: [permissionGuard('read', 'Invoice')],
        runGuardsAndResolvers: 'always',
        loadChildren: () => import('@warbler/console/feature-billing').then((m) => m.invoicesRoutes),
      },
      {
        path: 'finance',
        canActivate: [permissionGuard('readAcrossTenants', 'Invoice')],
        loadChildren: () => import('@warbler/console/feature-finance').then((m) => m.financeRoutes),
      },
      {
        path: 'exports',
        canActivate: [permissionGuard('read', 'Export')],
        loadChildren: () => import('@warbler/console/feature-exports').then((m) => m.exportsRoutes),
      },
      {
        path: 'operator',
        canActivate: [permissionGuard('readAcrossTenants', 'Tenant')],
        loadChildren: () => import('@warbler/console/feature-operator').then((m) => m.operatorRoutes),
      },
      {
        path: 'support',
        canActivate: [permissionGuard('impersonate', 'SupportSession')],
        loadChildren: () => import('@warbler/console/feature-support').then((m) => m.supportRoutes),
      },
      {
        path: 'support-approvals',
        canActivate: [permissionGuard('approve', 'SupportSession')],
        loadChildren: () => import('@warbler/console/feature-support').then((m) => m.supportApprovalRoutes),
      },
      {
        path: 'support-access',
        canActivate: [permissionGuard('read', 'SupportAccess')],
        runGuardsAndResolvers: 'always',
        loadChildren: () => import('@warbler/console/feature-support').then((m) => m.supportAccessRoutes),
      },
      {
        path: 'catalog',
        canActivate: [permissionGuard('read', 'Catalog')],
        loadChildren: () => import('@warbler/console/feature-catalog').then((m) => m.catalogRoutes),
      },
      {
        path: 'profile',
        loadChildren: () => import('@warbler/console/feature-profile').then((m) => m.profileRoutes),
      },
    ],
  },
  { path: '**', redirectTo: '' },
];
