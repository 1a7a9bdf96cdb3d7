import { Injectable, Logger } from '@nestjs/common';
import { PlatformDatabase } from '@warbler/api/core';
import { PricingDecimal } from '@warbler/shared/pricing';
import { unixSeconds } from './stripe-amounts';
import { meterEventName, StripeCatalog } from './stripe-catalog';
import { StripeCustomers } from './stripe-customers';
import { StripeGateway } from './stripe-gateway';

/** Stripe refuses meter events dated more than 35 days back; a day of margin for the outbox's retries. */
const METER_EVENT_MAX_AGE_MS = 34 * 24 * 60 * 60 * 1000;

export interface ClosedPeriod {
  subscriptionId: string;
  planVersionId: string;
  periodStart: string;
  periodEnd: string;
}

/**
 * A closed period's usage, one meter event per charged metric holding the period's total, dated a
 * second before the period ends. The event's identifier is derived from tenant, metric and period, so
 * Stripe counts it once however often it is sent. Meters take whole numbers: a fractional total is
 * rounded half-even (Warbler's invoice bills the exact quantity; the meter is for Stripe's records).
 */
@Injectable()
export class StripeUsageReports {
  private readonly logger = new Logger('StripeUsageReports');

  constructor(
    private readonly gateway: StripeGateway,
    private readonly platform: PlatformDatabase,
    private readonly customers: StripeCustomers,
    private readonly catalog: StripeCatalog,
  ) {}

  async report(tenantId: string, period: ClosedPeriod, idempotencyKey: string, now: Date): Promise<void> {
    const periodStart = new Date(period.periodStart);
    const periodEnd = new Date(period.periodEnd);
    if (now.getTime() - periodEnd.getTime() > METER_EVENT_MAX_AGE_MS) {
      this.logger.warn(`usage of tenant ${tenantId} for the period ending ${period.periodEnd} is too old for Stripe`);
      return;
    }
    const charges = await this.platform.client.planCharge.findMany({
      where: { planVersionId: period.planVersionId },
      select: { metric: { select: { id: true, code: true, name: true } } },
      orderBy: { metric: { code: 'asc' } },
    });
    const totals = await this.platform.client.usagePeriodTotal.findMany({
      where: { tenantId, periodStart, metricId: { in: charges.map((charge) => charge.metric.id) } },
      select: { metricId: true, value: true },
    });
    const customer = await this.customers.forTenant(tenantId);
    for (const { metric } of charges) {
      const total = totals.find((row) => row.metricId === metric.id);
      const value = new PricingDecimal(total?.value.toFixed() ?? '0').toDecimalPlaces(
        0,
        PricingDecimal.ROUND_HALF_EVEN,
      );
      if (value.lte(0)) continue;
      await this.catalog.meterOf(metric);
      await this.gateway.client.billing.meterEvents.create(
        {
          event_name: meterEventName(metric),
          payload: { stripe_customer_id: customer, value: value.toFixed() },
          identifier: `warbler-${tenantId}-${metric.id}-${unixSeconds(periodStart)}`,
          timestamp: unixSeconds(periodEnd) - 1,
        },
        { idempotencyKey: `${idempotencyKey}:meter:${metric.id}` },
      );
    }
  }
}
