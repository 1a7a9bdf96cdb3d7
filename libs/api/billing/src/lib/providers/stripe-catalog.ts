import { Injectable } from '@nestjs/common';
import { PlatformDatabase, type Prisma } from '@warbler/api/core';
import Stripe from 'stripe';
import { stripeAmount, stripeCurrency, stripeUnitAmountDecimal } from './stripe-amounts';
import { StripeGateway } from './stripe-gateway';

/** The part of a plan version a subscription item stands for: the base fee, the seats or a metric's code. */
export type MirroredPart = 'base' | 'seats' | string;

export interface MirroredMetric {
  id: string;
  code: string;
  name: string;
}

const PLAN_VERSION = {
  plan: { select: { name: true } },
  charges: {
    select: { metric: { select: { id: true, code: true, name: true } } },
    orderBy: { metric: { code: 'asc' } },
  },
} as const;

type CatalogVersion = Prisma.PlanVersionGetPayload<{ include: typeof PLAN_VERSION }>;

/** The price of each part, in the order subscription items are listed: base, seats, then metrics by code. */
export type PartPrices = { part: MirroredPart; priceId: string }[];

/** Lookup keys name a price by the plan version it belongs to, so any instance finds the one created. */
export const lookupKey = (planVersionId: string, part: MirroredPart) =>
  part === 'base' || part === 'seats' ? `warbler:${planVersionId}:${part}` : `warbler:${planVersionId}:metric:${part}`;

/** The part a price stands for, read back from its lookup key; null for prices Warbler did not create. */
export function partOfLookupKey(key: string | null): MirroredPart | null {
  const match = /^warbler:[0-9a-f-]{36}:(base|seats|metric:(.+))$/.exec(key ?? '');
  if (!match) return null;
  return match[2] ?? match[1];
}

export const meterEventName = (metric: Pick<MirroredMetric, 'code'>) => `warbler_${metric.code}`;

/**
 * Products, prices and meters mirroring the plan catalog, created lazily the first time a subscription
 * on a plan version is mirrored: one product per plan version, a price per part found by its lookup key,
 * one Billing Meter per metric. Base fee and seats carry their real amounts (seats as graduated tiers,
 * the included seats free). A metric's price is a metered price of 0: Stripe's price models cannot say
 * what Warbler bills (included units, fractional tiers, decimal quantities), and Stripe never collects
 * on the subscription's own invoices anyway; its meter shows the usage, Warbler's invoices the money.
 */
@Injectable()
export class StripeCatalog {
  private readonly meters = new Map<string, string>();

  constructor(
    private readonly gateway: StripeGateway,
    private readonly platform: PlatformDatabase,
  ) {}

  async pricesOf(planVersionId: string): Promise<PartPrices> {
    const version = await this.platform.client.planVersion.findUniqueOrThrow({
      where: { id: planVersionId },
      include: PLAN_VERSION,
    });
    const parts: MirroredPart[] = ['base', 'seats', ...version.charges.map((charge) => charge.metric.code)];
    const existing = await this.existingPrices(parts.map((part) => lookupKey(version.id, part)));
    let product: Promise<string> | undefined;
    const productOf = () =>
      (product ??= this.ensureProduct(version.id, `${version.plan.name} (version ${version.version})`));
    const prices: PartPrices = [];
    for (const part of parts) {
      const priceId = existing.get(lookupKey(version.id, part)) ?? (await this.createPrice(version, part, productOf));
      prices.push({ part, priceId });
    }
    return prices;
  }

  /** The id of the metric's Billing Meter, created the first time; kept in memory afterwards. */
  async meterOf(metric: MirroredMetric): Promise<string> {
    const known = this.meters.get(metric.code);
    if (known) return known;
    const eventName = meterEventName(metric);
    let meterId: string | undefined;
    for await (const meter of this.gateway.client.billing.meters.list({ status: 'active', limit: 100 })) {
      if (meter.event_name === eventName) meterId = meter.id;
    }
    meterId ??= (
      await this.gateway.client.billing.meters.create(
        {
          display_name: metric.name,
          event_name: eventName,
          default_aggregation: { formula: 'sum' },
          customer_mapping: { type: 'by_id', event_payload_key: 'stripe_customer_id' },
          value_settings: { event_payload_key: 'value' },
        },
        { idempotencyKey: `warbler-meter-${metric.id}` },
      )
    ).id;
    this.meters.set(metric.code, meterId);
    return meterId;
  }

  private async createPrice(version: CatalogVersion, part: MirroredPart, productOf: () => Promise<string>) {
    const key = lookupKey(version.id, part);
    const metric = version.charges.find((charge) => charge.metric.code === part)?.metric;
    const terms =
      part === 'base'
        ? { unit_amount: stripeAmount(version.baseFeeMinor), nickname: 'Base fee' }
        : part === 'seats'
          ? seatTerms(version.seatUnitPrice.toFixed(), version.includedSeats, version.currency)
          : await this.meteredTerms(metric as MirroredMetric, version.interval);
    const created = await this.gateway.client.prices.create(
      {
        product: await productOf(),
        currency: stripeCurrency(version.currency),
        recurring: { interval: version.interval === 'YEAR' ? 'year' : 'month' },
        lookup_key: key,
        metadata: { warbler_plan_version_id: version.id, warbler_part: part },
        ...terms,
      },
      { idempotencyKey: `warbler-price-${key}` },
    );
    return created.id;
  }

  private async existingPrices(keys: string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    // Stripe takes at most ten lookup keys per list.
    for (let start = 0; start < keys.length; start += 10) {
      const page = await this.gateway.client.prices.list({ lookup_keys: keys.slice(start, start + 10), limit: 10 });
      for (const price of page.data) if (price.lookup_key) found.set(price.lookup_key, price.id);
    }
    return found;
  }

  private async ensureProduct(planVersionId: string, name: string): Promise<string> {
    const id = `warbler-plan-version-${planVersionId}`;
    try {
      await this.gateway.client.products.create(
        { id, name, metadata: { warbler_plan_version_id: planVersionId } },
        { idempotencyKey: `warbler-product-${planVersionId}` },
      );
    } catch (error) {
      // Created by an earlier attempt whose key has expired: the product is there, which is all we need.
      if (!(error instanceof Stripe.errors.StripeInvalidRequestError && error.code === 'resource_already_exists')) {
        throw error;
      }
    }
    return id;
  }

  private async meteredTerms(metric: MirroredMetric, interval: 'MONTH' | 'YEAR') {
    return {
      unit_amount: 0,
      nickname: `${metric.name} (priced by Warbler)`,
      recurring: {
        interval: interval === 'YEAR' ? ('year' as const) : ('month' as const),
        usage_type: 'metered' as const,
        meter: await this.meterOf(metric),
      },
    };
  }
}

/** Seats as Stripe can bill them exactly: the included ones free, each further seat at the seat price. */
function seatTerms(seatUnitPrice: string, includedSeats: number, currency: string) {
  const perSeat = Stripe.Decimal.from(stripeUnitAmountDecimal(seatUnitPrice, currency));
  if (includedSeats === 0) return { unit_amount_decimal: perSeat, nickname: 'Seats' };
  return {
    nickname: 'Seats',
    billing_scheme: 'tiered' as const,
    tiers_mode: 'graduated' as const,
    tiers: [
      { up_to: includedSeats, unit_amount: 0 },
      { up_to: 'inf' as const, unit_amount_decimal: perSeat },
    ],
  };
}
