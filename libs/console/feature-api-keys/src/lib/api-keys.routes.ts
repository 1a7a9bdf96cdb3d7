import type { Route } from '@angular/router';
import { ApiKeysPage } from './api-keys-page';

export const apiKeysRoutes: Route[] = [{ path: '', component: ApiKeysPage, title: 'API keys · Warbler' }];
