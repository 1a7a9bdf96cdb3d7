import type { Route } from '@angular/router';
import { PlanBillingPage } from './plan/plan-billing-page';

export const billingRoutes: Route[] = [{ path: '', component: PlanBillingPage, title: 'Plan & billing · Warbler' }];
