import type { Action, SubjectName } from '@warbler/shared/permissions';

export interface NavItem {
  path: string;
  label: string;
  icon: string;
  /** Shown only to people whose rules allow this; omitted for pages everyone has. */
  requires?: [Action, SubjectName];
}

export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/', label: 'Overview', icon: 'space_dashboard' },
  {
    path: '/members',
    label: 'Members & seats',
    icon: 'group',
    requires: ['read', 'Member'],
  },
  {
    path: '/audit',
    label: 'Audit log',
    icon: 'history',
    requires: ['read', 'AuditLog'],
  },
  { path: '/profile', label: 'Profile', icon: 'account_circle' },
];
