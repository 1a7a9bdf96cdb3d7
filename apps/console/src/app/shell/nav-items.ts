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
  { path: '/usage', label: 'Usage', icon: 'insights', requires: ['read', 'Usage'] },
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
  { path: '/api-keys', label: 'API keys', icon: 'vpn_key', requires: ['read', 'ApiKey'] },
  { path: '/billing', label: 'Plan & billing', icon: 'credit_card', requires: ['read', 'Subscription'] },
  { path: '/invoices', label: 'Invoices', icon: 'receipt_long', requires: ['read', 'Invoice'] },
  // Every tenant's invoices: finance staff reach them without a tenant.
  {
    path: '/finance/invoices',
    label: 'Invoice desk',
    icon: 'account_balance',
    requires: ['readAcrossTenants', 'Invoice'],
  },
  // The platform's catalog: staff reach it without a tenant.
  { path: '/catalog/plans', label: 'Plans', icon: 'sell', requires: ['read', 'Catalog'] },
  { path: '/catalog/metrics', label: 'Billable metrics', icon: 'straighten', requires: ['read', 'Catalog'] },
  { path: '/profile', label: 'Profile', icon: 'account_circle' },
];
