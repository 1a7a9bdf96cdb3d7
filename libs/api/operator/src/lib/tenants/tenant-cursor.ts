import { badInput } from '@warbler/api/core';

/** Where a page of the tenants list ended: its (created_at, id) sort key, newest first. */
export interface TenantCursor {
  createdAt: Date;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Opaque to clients: they pass back what a page's endCursor gave them. */
export function encodeTenantCursor({ createdAt, id }: TenantCursor): string {
  return Buffer.from(`${createdAt.toISOString()}|${id}`, 'utf8').toString('base64url');
}

export function decodeTenantCursor(cursor: string): TenantCursor {
  const [iso, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(iso ?? '');
  if (rest.length > 0 || !id || !UUID.test(id) || Number.isNaN(createdAt.getTime())) {
    throw badInput('after must be a cursor returned by a page of tenants', 'INVALID_CURSOR');
  }
  return { createdAt, id };
}
