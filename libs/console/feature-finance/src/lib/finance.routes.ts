import type { Route } from '@angular/router';
import { CouponsPage } from './coupons-page';
import { FinanceInvoicesPage } from './finance-invoices-page';

export const financeRoutes: Route[] = [
  { path: '', pathMatch: 'full', redirectTo: 'invoices' },
  { path: 'invoices', component: FinanceInvoicesPage, title: 'Invoice desk · Warbler' },
  { path: 'coupons', component: CouponsPage, title: 'Coupons · Warbler' },
];
