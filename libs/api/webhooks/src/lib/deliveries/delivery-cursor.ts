import { badInput, type Prisma } from '@warbler/api/core';

/** Where a page of deliveries ended: newest first, by creation and then id. */
export interface DeliveryCursor {
  createdAt: Date;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Opaque to clients: they pass back what a page's endCursor gave them. */
export function encodeDeliveryCursor({ createdAt, id }: DeliveryCursor): string {
  return Buffer.from(`${createdAt.toISOString()}|${id}`, 'utf8').toString('base64url');
}

export function decodeDeliveryCursor(cursor: string): DeliveryCursor {
  const [iso, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(iso ?? '');
  if (rest.length > 0 || !id || !UUID.test(id) || Number.isNaN(createdAt.getTime())) {
    throw badInput('after must be a cursor returned by a page of deliveries', 'INVALID_CURSOR');
  }
  return { createdAt, id };
}

/** The deliveries after the cursor: older ones, or as old with a smaller id. */
export function afterCursor(after: string | null | undefined): Prisma.WebhookDeliveryWhereInput {
  if (!after) return {};
  const { createdAt, id } = decodeDeliveryCursor(after);
  return { OR: [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: id } }] };
}
