import type { AuditEventModel } from '@warbler/api/core';
import { hashedFieldsOf } from '../chain/hashed-fields';

/** One line of the export: every hashed field as it was hashed, then the hash. */
export function exportLine(event: AuditEventModel): string {
  return `${JSON.stringify({ ...hashedFieldsOf(event), hash: event.hash })}\n`;
}
