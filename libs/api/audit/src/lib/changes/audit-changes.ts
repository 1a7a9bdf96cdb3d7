import type { Prisma } from '@warbler/api/core';
import { canonicalJson } from '../chain/audit-hash';
import { toJsonValue } from './json-value';

/** The auditable fields of a record: plain values only, never secrets or token hashes. */
export type AuditState = Record<string, unknown>;

export type FieldChange = { before: Prisma.JsonValue; after: Prisma.JsonValue };

/** `{ field: { before, after } }`, the shape every audit event's `changes` has. */
export type AuditChanges = Record<string, FieldChange>;

/**
 * The fields that differ between two states of a record. A creation (no before) lists
 * every field of the new state and a deletion (no after) every field of the old one, with
 * null on the side that did not exist, so the log alone tells what a record looked like.
 */
export function changesBetween(before?: AuditState | null, after?: AuditState | null): AuditChanges {
  const was = (before ? toJsonValue(before) : {}) as Record<string, Prisma.JsonValue>;
  const now = (after ? toJsonValue(after) : {}) as Record<string, Prisma.JsonValue>;
  const wholeRecord = !before || !after;
  const changes: AuditChanges = {};
  for (const field of [...new Set([...Object.keys(was), ...Object.keys(now)])].sort()) {
    const change = { before: was[field] ?? null, after: now[field] ?? null };
    if (wholeRecord || canonicalJson(change.before) !== canonicalJson(change.after)) changes[field] = change;
  }
  return changes;
}
