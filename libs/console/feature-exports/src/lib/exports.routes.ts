import type { Route } from '@angular/router';
import { ExportsPage } from './exports-page';
import { RevenuePage } from './revenue-page';

export const exportsRoutes: Route[] = [
  { path: '', pathMatch: 'full', redirectTo: 'files' },
  { path: 'files', component: ExportsPage, title: 'Exports · Warbler' },
  { path: 'revenue', component: RevenuePage, title: 'Revenue · Warbler' },
];
