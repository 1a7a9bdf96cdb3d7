import { Injectable } from '@nestjs/common';
import { AuditLog } from '@warbler/api/audit';
import { type Actor, Database, PlatformDatabase, type TenantActor } from '@warbler/api/core';
import { DiscountStatus } from './discount.model';
import { discountEnded, discountNotFound, tenantNotFound } from './discount-errors';
import {
  DISCOUNT_TARGET,
  DiscountAction,
  discountState,
  REDEMPTION_INCLUDE,
  type RedemptionRow,
  statusOf,
} from './discount-rows';
import { redeemCoupon } from './redemption-rules';

const REDEMPTION_ORDER = [{ redeemedAt: 'asc' }, { id: 'asc' }] as const;

const shown = (rows: RedemptionRow[], includeEnded: boolean) =>
  includeEnded ? rows : rows.filter((row) => statusOf(row) === DiscountStatus.ACTIVE);

/**
 * A tenant's discounts: redeemed by its admins with a code (as the tenant, under row-level security),
 * applied or removed by finance and platform admins (with the platform client). Each redemption and
 * removal is recorded in the tenant's audit log, in the transaction that makes it.
 */
@Injectable()
export class CouponRedemptions {
  constructor(
    private readonly db: Database,
    private readonly platform: PlatformDatabase,
    private readonly audit: AuditLog,
  ) {}

  /** A tenant admin redeems a code; redeeming one the tenant holds, active, answers that discount. */
  redeem(actor: TenantActor, code: string): Promise<RedemptionRow> {
    return this.db.forTenant(actor).transaction(async (tx) => {
      const { row, created } = await redeemCoupon(
        tx,
        code,
        { tenantId: actor.tenantId, userId: actor.userId, staff: false },
        new Date(),
      );
      if (created) {
        await this.audit.record(tx, actor, {
          action: DiscountAction.redeemed,
          targetType: DISCOUNT_TARGET,
          targetId: row.id,
          after: discountState(row),
        });
      }
      return row;
    });
  }

  /** Finance or a platform admin applies a coupon to a tenant, by code, with the same rules. */
  apply(actor: Actor, tenantId: string, code: string): Promise<RedemptionRow> {
    return this.platform.client.$transaction(async (tx) => {
      const { row, created } = await redeemCoupon(
        tx,
        code,
        { tenantId, userId: actor.userId, staff: true },
        new Date(),
      );
      if (created) {
        await this.audit.record(
          tx,
          { ...actor, tenantId },
          { action: DiscountAction.applied, targetType: DISCOUNT_TARGET, targetId: row.id, after: discountState(row) },
        );
      }
      return row;
    });
  }

  /**
   * Staff remove an active discount: invoices drafted afterwards no longer get it; those drafted
   * before keep their lines. Removing it again answers the removed discount and records nothing.
   */
  remove(actor: Actor, tenantId: string, id: string, reason: string): Promise<RedemptionRow> {
    return this.platform.client.$transaction(async (tx) => {
      const [locked] = await tx.$queryRaw<{ id: string }[]>`
        SELECT id::text FROM coupon_redemptions WHERE tenant_id = ${tenantId}::uuid AND id = ${id}::uuid FOR UPDATE`;
      if (!locked) throw discountNotFound();
      const where = { tenantId_id: { tenantId, id } };
      const before = await tx.couponRedemption.findUniqueOrThrow({ where, include: REDEMPTION_INCLUDE });
      const status = statusOf(before);
      if (status === DiscountStatus.REMOVED) return before;
      if (status === DiscountStatus.ENDED) throw discountEnded();
      const after = await tx.couponRedemption.update({
        where,
        data: { removedAt: new Date(), removedByUserId: actor.userId, removalReason: reason },
        include: REDEMPTION_INCLUDE,
      });
      await this.audit.record(
        tx,
        { ...actor, tenantId },
        {
          action: DiscountAction.removed,
          targetType: DISCOUNT_TARGET,
          targetId: id,
          before: discountState(before),
          after: discountState(after),
        },
      );
      return after;
    });
  }

  /** The tenant's own discounts, oldest first (the order invoices apply them in). */
  async ofTenant(actor: TenantActor, includeEnded: boolean): Promise<RedemptionRow[]> {
    const rows = await this.db.forTenant(actor).couponRedemption.findMany({
      where: { tenantId: actor.tenantId },
      include: REDEMPTION_INCLUDE,
      orderBy: [...REDEMPTION_ORDER],
    });
    return shown(rows, includeEnded);
  }

  /** Any tenant's discounts, for staff. */
  async acrossTenants(tenantId: string, includeEnded: boolean): Promise<RedemptionRow[]> {
    const [tenant, rows] = await Promise.all([
      this.platform.client.tenant.findUnique({ where: { id: tenantId }, select: { id: true } }),
      this.platform.client.couponRedemption.findMany({
        where: { tenantId },
        include: REDEMPTION_INCLUDE,
        orderBy: [...REDEMPTION_ORDER],
      }),
    ]);
    if (!tenant) throw tenantNotFound();
    return shown(rows, includeEnded);
  }
}
