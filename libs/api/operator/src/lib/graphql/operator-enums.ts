import { registerEnumType } from '@nestjs/graphql';
import { InvoiceStatus, QuotaEnforcement, StaffRole, TenantStatus } from '@warbler/api/core';

// Registration is keyed by the enum object: the other domains registering the same ones, with the
// same names and descriptions, is harmless.
registerEnumType(TenantStatus, { name: 'TenantStatus' });
registerEnumType(StaffRole, { name: 'StaffRole', description: "The operator's own staff roles" });
registerEnumType(InvoiceStatus, {
  name: 'InvoiceStatus',
  description: 'DRAFT until finalized; OPEN (numbered, immutable) until PAID in full or VOID',
});
registerEnumType(QuotaEnforcement, { name: 'QuotaEnforcement' });

export { InvoiceStatus, QuotaEnforcement, StaffRole, TenantStatus };
