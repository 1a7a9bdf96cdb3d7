import type { Route } from '@angular/router';
import { WebhooksPage } from './webhooks-page';

export const webhooksRoutes: Route[] = [{ path: '', component: WebhooksPage, title: 'Webhooks · Warbler' }];
