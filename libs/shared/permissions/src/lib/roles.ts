/** Roles a person can hold inside one tenant, most powerful first. */
export const TENANT_ROLES = ['OWNER', 'ADMIN', 'BILLING_ADMIN', 'MEMBER'] as const;
export type TenantRoleName = (typeof TENANT_ROLES)[number];

/** Roles of the operator's own staff; they reach tenants only through support sessions. */
export const STAFF_ROLES = ['PLATFORM_ADMIN', 'SUPPORT', 'FINANCE'] as const;
export type StaffRoleName = (typeof STAFF_ROLES)[number];

export const TENANT_ROLE_LABELS: Record<TenantRoleName, string> = {
  OWNER: 'Owner',
  ADMIN: 'Admin',
  BILLING_ADMIN: 'Billing admin',
  MEMBER: 'Member',
};

const RANK: Record<TenantRoleName, number> = { OWNER: 3, ADMIN: 2, BILLING_ADMIN: 1, MEMBER: 0 };

/** True when `role` carries at least the powers of `other`. */
export function roleAtLeast(role: TenantRoleName, other: TenantRoleName): boolean {
  return RANK[role] >= RANK[other];
}
