import type { StaffRole } from '@warbler/console/data-access';

export const STAFF_ROLE_LABELS: Record<StaffRole, string> = {
  PLATFORM_ADMIN: 'Platform admin',
  SUPPORT: 'Support',
  FINANCE: 'Finance',
};

export const STAFF_ROLE_DUTIES: Record<StaffRole, string> = {
  PLATFORM_ADMIN: 'Catalog, staff accounts, suspending tenants',
  SUPPORT: 'Finds tenants and opens support sessions',
  FINANCE: 'Invoices, payments, exports',
};

export const STAFF_ROLES = Object.keys(STAFF_ROLE_LABELS) as StaffRole[];
