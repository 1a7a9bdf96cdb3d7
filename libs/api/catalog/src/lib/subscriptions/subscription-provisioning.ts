import { Injectable } from '@nestjs/common';
import { DomainError, type TenantTx } from '@warbler/api/core';
import { nextPeriodEnd } from '@warbler/shared/pricing';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Puts a new tenant on a plan; the seed and tenant sign-up call it inside their own transaction. */
@Injectable()
export class SubscriptionProvisioning {
  /**
   * Subscribes the tenant to the newest published version of the default plan, its first period
   * starting at `startAt` and its trial, if the version has one, running from there.
   */
  async startOnDefaultPlan(tx: TenantTx, tenantId: string, startAt: Date) {
    const version = await tx.planVersion.findFirst({
      where: { status: 'PUBLISHED', plan: { isDefault: true, archivedAt: null } },
      orderBy: { version: 'desc' },
    });
    if (!version) {
      throw new DomainError('CONFLICT', 'No default plan has a published version', 'NO_DEFAULT_PLAN');
    }
    return tx.subscription.create({
      data: {
        tenantId,
        planVersionId: version.id,
        currentPeriodStart: startAt,
        currentPeriodEnd: nextPeriodEnd(startAt, version.interval),
        billingAnchorAt: startAt,
        seatQuantity: version.includedSeats,
        trialEndsAt: version.trialDays > 0 ? new Date(startAt.getTime() + version.trialDays * DAY_MS) : null,
      },
    });
  }
}
