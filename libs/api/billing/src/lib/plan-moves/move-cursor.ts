import { badInput } from '@warbler/api/core';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Opaque to clients: pages of a move preview are in tenant id order. */
export function encodeMoveCursor(tenantId: string): string {
  return Buffer.from(tenantId, 'utf8').toString('base64url');
}

export function decodeMoveCursor(cursor: string): string {
  const tenantId = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!UUID.test(tenantId))
    throw badInput('after must be a cursor returned by a page of this preview', 'INVALID_CURSOR');
  return tenantId;
}
