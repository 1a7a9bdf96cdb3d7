import type { Route } from '@angular/router';
import { MetricsPage } from './metrics-page';
import { PlanPage } from './plan-page';
import { PlansPage } from './plans-page';

export const catalogRoutes: Route[] = [
  { path: '', pathMatch: 'full', redirectTo: 'plans' },
  { path: 'metrics', component: MetricsPage, title: 'Billable metrics · Warbler' },
  { path: 'plans', component: PlansPage, title: 'Plans · Warbler' },
  { path: 'plans/:id', component: PlanPage, title: 'Plan · Warbler' },
];
