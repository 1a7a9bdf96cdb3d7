import { badInput, type Prisma } from '@warbler/api/core';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Coupons are listed newest first; (created_at, id) is their sort key and, opaque, the cursor. */
export const COUPON_ORDER = [
  { createdAt: 'desc' },
  { id: 'desc' },
] as const satisfies Prisma.CouponOrderByWithRelationInput[];

export function encodeCouponCursor({ createdAt, id }: { createdAt: Date; id: string }): string {
  return Buffer.from(`${createdAt.toISOString()}|${id}`, 'utf8').toString('base64url');
}

/** The coupons after the cursor: older ones, or as old with a smaller id. */
export function afterCouponCursor(after: string | null | undefined): Prisma.CouponWhereInput {
  if (!after) return {};
  const [iso, id, ...rest] = Buffer.from(after, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(iso ?? '');
  if (rest.length > 0 || !id || !UUID.test(id) || Number.isNaN(createdAt.getTime())) {
    throw badInput('after must be a cursor returned by a page of coupons', 'INVALID_CURSOR');
  }
  return { OR: [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: id } }] };
}
