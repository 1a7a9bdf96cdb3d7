import { createHash } from 'node:crypto';
import type { Prisma } from '@warbler/api/core';

/** The prev_hash of a tenant's first event: there is nothing before it. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * Every field a hash covers. Values are exactly what the export prints, so a tenant can
 * recompute a hash from one exported line: seq is a decimal string (it is a bigint),
 * occurredAt an ISO 8601 UTC string with milliseconds, absent values null.
 */
export interface AuditHashedFields {
  tenantId: string;
  seq: string;
  id: string;
  occurredAt: string;
  actorUserId: string | null;
  actorEmail: string | null;
  impersonatorUserId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  changes: Prisma.JsonValue;
  requestId: string | null;
  ip: string | null;
  prevHash: string;
}

/**
 * JSON with the keys of every object sorted (JavaScript's default string order) and no
 * whitespace, so the same event always serialises to the same bytes whatever order its
 * fields were written or stored in (jsonb reorders keys). README.md repeats this function
 * for offline verification; the two must stay identical.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
}

/** sha256, hex, of the canonical JSON of exactly the hashed fields (nothing else). */
export function auditEventHash(fields: AuditHashedFields): string {
  const covered: AuditHashedFields = {
    tenantId: fields.tenantId,
    seq: fields.seq,
    id: fields.id,
    occurredAt: fields.occurredAt,
    actorUserId: fields.actorUserId,
    actorEmail: fields.actorEmail,
    impersonatorUserId: fields.impersonatorUserId,
    action: fields.action,
    targetType: fields.targetType,
    targetId: fields.targetId,
    changes: fields.changes,
    requestId: fields.requestId,
    ip: fields.ip,
    prevHash: fields.prevHash,
  };
  return createHash('sha256').update(canonicalJson(covered), 'utf8').digest('hex');
}
