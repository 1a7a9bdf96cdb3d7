import type { Route } from '@angular/router';
import { ProfilePage } from './profile-page';

export const profileRoutes: Route[] = [{ path: '', component: ProfilePage, title: 'Profile · Warbler' }];
