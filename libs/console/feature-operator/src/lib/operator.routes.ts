import type { Route } from '@angular/router';
import { permissionGuard } from '@warbler/console/feature-auth';
import { StaffPage } from './staff-page';
import { TenantDetailPage } from './tenant-detail-page';
import { TenantsPage } from './tenants-page';

export const operatorRoutes: Route[] = [
  { path: '', pathMatch: 'full', redirectTo: 'tenants' },
  { path: 'tenants', component: TenantsPage, title: 'Tenants · Warbler' },
  { path: 'tenants/:tenantId', component: TenantDetailPage, title: 'Tenant · Warbler' },
  {
    path: 'staff',
    component: StaffPage,
    canActivate: [permissionGuard('read', 'StaffAccount')],
    title: 'Staff · Warbler',
  },
];
