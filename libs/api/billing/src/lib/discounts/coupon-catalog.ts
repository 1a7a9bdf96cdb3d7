import { Injectable } from '@nestjs/common';
import { PlatformAuditLog } from '@warbler/api/audit';
import { type Actor, notFound, PlatformDatabase, Prisma } from '@warbler/api/core';
import { isSupportedCurrency, parsePercentOff } from '@warbler/shared/pricing';
import { randomUUID } from 'node:crypto';
import { afterCouponCursor, COUPON_ORDER, encodeCouponCursor } from './coupon-cursor';
import type { CouponPageArgs, CreateCouponInput } from './discount.args';
import type { CouponConnection } from './discount.model';
import { codeTaken, couponNotFound, invalidCoupon } from './discount-errors';
import { COUPON_INCLUDE, COUPON_TARGET, CouponAction, couponDetails, type CouponRow, toCoupon } from './discount-rows';

/** The stored form of a valid coupon request: one amount for its kind, periods only when REPEATING. */
interface CouponTerms {
  code: string;
  name: string;
  kind: CreateCouponInput['kind'];
  percentOff: string | null;
  amountOffMinor: bigint | null;
  currency: string | null;
  duration: CreateCouponInput['duration'];
  durationPeriods: number | null;
  planIds: string[];
  maxRedemptions: number | null;
  redeemBy: Date | null;
}

function termsOf(input: CreateCouponInput, now: Date): CouponTerms {
  let percentOff: string | null = null;
  let amountOffMinor: bigint | null = null;
  let currency: string | null = null;
  if (input.kind === 'PERCENTAGE') {
    if (input.amountOffMinor != null || input.currency != null) {
      throw invalidCoupon('A percentage coupon takes percentOff only, no amountOffMinor or currency');
    }
    const parsed = parsePercentOff(input.percentOff ?? '');
    if (!parsed.ok) throw invalidCoupon(parsed.message);
    percentOff = parsed.percentOff;
  } else {
    if (input.percentOff != null) throw invalidCoupon('A fixed-amount coupon takes amountOffMinor and currency');
    if (input.amountOffMinor == null || input.currency == null) {
      throw invalidCoupon('A fixed-amount coupon needs amountOffMinor and currency');
    }
    if (!isSupportedCurrency(input.currency))
      throw invalidCoupon(`${input.currency} is not a currency Warbler bills in`);
    amountOffMinor = BigInt(input.amountOffMinor);
    currency = input.currency;
  }
  const repeating = input.duration === 'REPEATING';
  if (repeating !== (input.durationPeriods != null)) {
    throw invalidCoupon('durationPeriods is required for a REPEATING coupon, and only for one');
  }
  if (input.redeemBy && input.redeemBy.getTime() <= now.getTime()) {
    throw invalidCoupon('redeemBy must be in the future');
  }
  return {
    code: input.code,
    name: input.name,
    kind: input.kind,
    percentOff,
    amountOffMinor,
    currency,
    duration: input.duration,
    durationPeriods: repeating ? (input.durationPeriods ?? null) : null,
    planIds: [...new Set(input.planIds ?? [])].sort(),
    maxRedemptions: input.maxRedemptions ?? null,
    redeemBy: input.redeemBy ?? null,
  };
}

/** Whether an existing coupon is exactly what a create request asks for: then the request was a retry. */
function sameTerms(row: CouponRow, terms: CouponTerms): boolean {
  return (
    row.name === terms.name &&
    row.kind === terms.kind &&
    (row.percentOff?.toFixed() ?? null) === terms.percentOff &&
    row.amountOffMinor === terms.amountOffMinor &&
    row.currency === terms.currency &&
    row.duration === terms.duration &&
    row.durationPeriods === terms.durationPeriods &&
    row.maxRedemptions === terms.maxRedemptions &&
    (row.redeemBy?.getTime() ?? null) === (terms.redeemBy?.getTime() ?? null) &&
    row.plans
      .map(({ planId }) => planId)
      .sort()
      .join() === terms.planIds.join()
  );
}

const isUniqueViolation = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';

/**
 * The platform's coupons, kept by finance and platform admins with the platform client. Every change
 * is recorded in the platform audit log in its transaction. Coupons are never deleted: an archived
 * one gives no new discounts, and the discounts it gave keep applying.
 */
@Injectable()
export class CouponCatalog {
  constructor(
    private readonly platform: PlatformDatabase,
    private readonly platformAudit: PlatformAuditLog,
  ) {}

  async list({ first, after, includeArchived }: CouponPageArgs): Promise<CouponConnection> {
    const rows = await this.platform.client.coupon.findMany({
      where: { AND: [includeArchived ? {} : { archivedAt: null }, afterCouponCursor(after)] },
      include: COUPON_INCLUDE,
      orderBy: [...COUPON_ORDER],
      take: first + 1,
    });
    const edges = rows.slice(0, first).map((row) => ({ cursor: encodeCouponCursor(row), node: toCoupon(row) }));
    return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  /**
   * Creates a coupon. Its code is unique whatever the case; creating the same coupon again (a retry)
   * answers the one that exists, while another coupon under a taken code is CONFLICT.
   */
  async create(actor: Actor, input: CreateCouponInput): Promise<CouponRow> {
    const terms = termsOf(input, new Date());
    try {
      return await this.platform.client.$transaction(async (tx) => {
        const existing = await tx.coupon.findUnique({ where: { code: terms.code }, include: COUPON_INCLUDE });
        if (existing) {
          if (sameTerms(existing, terms) && existing.createdByUserId === actor.userId) return existing;
          throw codeTaken(terms.code);
        }
        const plans = await tx.plan.count({ where: { id: { in: terms.planIds } } });
        if (plans !== terms.planIds.length) throw notFound('Plan');
        const { planIds, ...columns } = terms;
        const created = await tx.coupon.create({
          data: {
            id: randomUUID(),
            ...columns,
            createdByUserId: actor.userId,
            plans: { create: planIds.map((planId) => ({ planId })) },
          },
          include: COUPON_INCLUDE,
        });
        await this.platformAudit.record(
          actor,
          {
            action: CouponAction.created,
            targetType: COUPON_TARGET,
            targetId: created.id,
            details: couponDetails(created),
          },
          tx,
        );
        return created;
      });
    } catch (error) {
      // Two creations of one code at once: the loser's insert meets the winner's unique code.
      if (isUniqueViolation(error)) throw codeTaken(terms.code);
      throw error;
    }
  }

  /** Archives a coupon: no new redemptions; archiving it again changes nothing and records nothing. */
  archive(actor: Actor, id: string): Promise<CouponRow> {
    return this.platform.client.$transaction(async (tx) => {
      const [locked] = await tx.$queryRaw<{ archived_at: Date | null }[]>`
        SELECT archived_at FROM coupons WHERE id = ${id}::uuid FOR UPDATE`;
      if (!locked) throw couponNotFound();
      if (locked.archived_at) return tx.coupon.findUniqueOrThrow({ where: { id }, include: COUPON_INCLUDE });
      const archived = await tx.coupon.update({
        where: { id },
        data: { archivedAt: new Date() },
        include: COUPON_INCLUDE,
      });
      await this.platformAudit.record(
        actor,
        {
          action: CouponAction.archived,
          targetType: COUPON_TARGET,
          targetId: id,
          details: { code: archived.code, archivedAt: archived.archivedAt },
        },
        tx,
      );
      return archived;
    });
  }
}
