import type { Route } from '@angular/router';
import { MembersPage } from './members-page';

export const membersRoutes: Route[] = [{ path: '', component: MembersPage, title: 'Members & seats · Warbler' }];
