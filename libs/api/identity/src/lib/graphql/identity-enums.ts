import { registerEnumType } from '@nestjs/graphql';
import { StaffRole, TenantRole } from '@warbler/api/core';

/**
 * Registered once, here, for every domain's schema types: GraphQL refuses two types of
 * the same name, so other domains import this file instead of registering again.
 */
registerEnumType(TenantRole, { name: 'TenantRole' });
registerEnumType(StaffRole, { name: 'StaffRole', description: "The operator's own staff roles" });

export { StaffRole, TenantRole };
