import { registerEnumType } from '@nestjs/graphql';
import { SupportAccess, SupportSessionEnd, SupportSessionMode, SupportSessionStatus } from '@warbler/api/core';

export { SupportAccess, SupportSessionEnd, SupportSessionMode, SupportSessionStatus };

registerEnumType(SupportAccess, {
  name: 'SupportAccess',
  description: 'Whether the tenant lets support staff open sessions on it',
});
registerEnumType(SupportSessionMode, {
  name: 'SupportSessionMode',
  description: 'READ_ONLY refuses every change; WRITE acts with the viewed member’s role',
});
registerEnumType(SupportSessionStatus, { name: 'SupportSessionStatus' });
registerEnumType(SupportSessionEnd, { name: 'SupportSessionEnd', description: 'How a support session ended' });
