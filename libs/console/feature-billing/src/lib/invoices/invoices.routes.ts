import type { Route } from '@angular/router';
import { InvoicePage } from './invoice-page';
import { InvoicesPage } from './invoices-page';

export const invoicesRoutes: Route[] = [
  { path: '', component: InvoicesPage, title: 'Invoices · Warbler' },
  { path: ':id', component: InvoicePage, title: 'Invoice · Warbler' },
];
