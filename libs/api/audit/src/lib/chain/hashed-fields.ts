import type { AuditEventModel } from '@warbler/api/core';
import type { AuditHashedFields } from './audit-hash';

/** The hashed fields of a stored event, in the form they were hashed in. */
export function hashedFieldsOf(event: AuditEventModel): AuditHashedFields {
  return {
    tenantId: event.tenantId,
    seq: event.seq.toString(),
    id: event.id,
    occurredAt: event.occurredAt.toISOString(),
    actorUserId: event.actorUserId,
    actorEmail: event.actorEmail,
    impersonatorUserId: event.impersonatorUserId,
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId,
    changes: event.changes,
    requestId: event.requestId,
    ip: event.ip,
    prevHash: event.prevHash,
  };
}
