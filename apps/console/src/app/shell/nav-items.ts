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
  { path: '/webhooks', label: 'Webhooks', icon: 'webhook', requires: ['read', 'Webhook'] },
  { path: '/billing', label: 'Plan & billing', icon: 'credit_card', requires: ['read', 'Subscription'] },
  { path: '/invoices', label: 'Invoices', icon: 'receipt_long', requires: ['read', 'Invoice'] },
  { path: '/support-access', label: 'Support access', icon: 'support', requires: ['read', 'SupportAccess'] },
  // Support opens sessions on tenants from here, without a tenant of its own.
  { path: '/support', label: 'Support', icon: 'support_agent', requires: ['impersonate', 'SupportSession'] },
  // Write sessions asked for without the owner's grant wait here for a second staff member.
  {
    path: '/support-approvals',
    label: 'Support approvals',
    icon: 'verified_user',
    requires: ['approve', 'SupportSession'],
  },
  // Every tenant's invoices: finance staff reach them without a tenant.
  {
    path: '/finance/invoices',
    label: 'Invoice desk',
    icon: 'account_balance',
    requires: ['readAcrossTenants', 'Invoice'],
  },
  // The platform's coupons: finance and platform admins keep them without a tenant.
  { path: '/finance/coupons', label: 'Coupons', icon: 'confirmation_number', requires: ['read', 'Coupon'] },
  // Every tenant's usage and invoices as files, and revenue: finance staff reach them without a tenant.
  { path: '/exports/files', label: 'Exports', icon: 'file_download', requires: ['read', 'Export'] },
  { path: '/exports/revenue', label: 'Revenue', icon: 'bar_chart', requires: ['read', 'Export'] },
  // Every tenant, and the operator's own staff: staff reach them without a tenant.
  { path: '/operator/tenants', label: 'Tenants', icon: 'apartment', requires: ['readAcrossTenants', 'Tenant'] },
  { path: '/operator/staff', label: 'Staff', icon: 'badge', requires: ['read', 'StaffAccount'] },
  // The platform's catalog: staff reach it without a tenant.
  { path: '/catalog/plans', label: 'Plans', icon: 'sell', requires: ['read', 'Catalog'] },
  { path: '/catalog/metrics', label: 'Billable metrics', icon: 'straighten', requires: ['read', 'Catalog'] },
  { path: '/profile', label: 'Profile', icon: 'account_circle' },
];
