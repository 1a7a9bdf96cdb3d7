import type { Route } from '@angular/router';
import { UsagePage } from './usage-page';

export const usageRoutes: Route[] = [{ path: '', component: UsagePage, title: 'Usage · Warbler' }];
