import { TENANT_ROLE_LABELS, TENANT_ROLES, type TenantRoleName } from '@warbler/shared/permissions';

export interface RoleOption {
  value: TenantRoleName;
  label: string;
}

/** Roles someone may hand out: only owners make owners. Least powerful first, the safe default. */
export function assignableRoles(myRole: TenantRoleName | null | undefined): RoleOption[] {
  return [...TENANT_ROLES]
    .reverse()
    .filter((role) => role !== 'OWNER' || myRole === 'OWNER')
    .map((role) => ({ value: role, label: TENANT_ROLE_LABELS[role] }));
}
