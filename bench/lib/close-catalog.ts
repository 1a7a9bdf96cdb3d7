import { randomUUID } from 'node:crypto';
import type { ClientBase } from 'pg';

/**
 * The price list of the period-close benchmark: a chat cloud's metrics and five published plan
 * versions in three currencies, between them charging with every model (PER_UNIT, PACKAGE,
 * GRADUATED, VOLUME), with included units, seat fees and HARD and SOFT quotas.
 */
export const CLOSE_METRICS = [
  { code: 'messages_sent', name: 'Messages sent', unit: 'messages', aggregation: 'COUNT', property: null },
  { code: 'api_calls', name: 'API calls', unit: 'calls', aggregation: 'COUNT', property: null },
  { code: 'ai_tokens', name: 'AI tokens', unit: 'tokens', aggregation: 'SUM', property: null },
  {
    code: 'monthly_active_users',
    name: 'Monthly active users',
    unit: 'users',
    aggregation: 'UNIQUE_COUNT',
    property: 'user_id',
  },
  { code: 'storage_gb_hours', name: 'Storage', unit: 'GB-hours', aggregation: 'SUM', property: null },
  { code: 'peak_connections', name: 'Peak connections', unit: 'connections', aggregation: 'MAX', property: null },
] as const;

export type CloseMetricCode = (typeof CLOSE_METRICS)[number]['code'];

interface Tier {
  upTo: string | null;
  unitPrice: string;
  flatFee: string;
}

interface Charge {
  metric: CloseMetricCode;
  model: 'PER_UNIT' | 'GRADUATED' | 'VOLUME' | 'PACKAGE';
  unitPrice?: string;
  packageSize?: string;
  includedUnits?: string;
  tiers?: Tier[];
}

export interface ClosePlanVersion {
  /** Which tenants are on it: see `tierOf` in close-dataset.ts. */
  tier: 'enterprise' | 'business' | 'team-v1' | 'team-v2' | 'starter';
  plan: { code: string; name: string };
  version: number;
  currency: string;
  baseFeeMinor: bigint;
  seatUnitPrice: string;
  includedSeats: number;
  maxSeats: number;
  charges: Charge[];
  quotas: { metric: CloseMetricCode; limit: string; enforcement: 'HARD' | 'SOFT' }[];
}

const tier = (upTo: string | null, unitPrice: string, flatFee = '0'): Tier => ({ upTo, unitPrice, flatFee });

const TEAM_V1: ClosePlanVersion = {
  tier: 'team-v1',
  plan: { code: 'team', name: 'Team' },
  version: 1,
  currency: 'USD',
  baseFeeMinor: 4900n,
  seatUnitPrice: '8',
  includedSeats: 5,
  maxSeats: 50,
  charges: [
    {
      metric: 'messages_sent',
      model: 'GRADUATED',
      tiers: [tier('200', '0'), tier('1000', '0.0004'), tier(null, '0.0002')],
    },
    { metric: 'ai_tokens', model: 'PACKAGE', packageSize: '1000', unitPrice: '0.02', includedUnits: '20000' },
    { metric: 'monthly_active_users', model: 'PER_UNIT', unitPrice: '0.05', includedUnits: '20' },
    { metric: 'storage_gb_hours', model: 'PER_UNIT', unitPrice: '0.0002' },
  ],
  quotas: [
    // Some Team tenants send more: billed as overage, flagged on the events past it.
    { metric: 'messages_sent', limit: '900', enforcement: 'SOFT' },
    { metric: 'ai_tokens', limit: '5000000', enforcement: 'HARD' },
    { metric: 'monthly_active_users', limit: '5000', enforcement: 'SOFT' },
  ],
};

export const CLOSE_PLAN_VERSIONS: ClosePlanVersion[] = [
  {
    tier: 'starter',
    plan: { code: 'starter', name: 'Starter' },
    version: 1,
    currency: 'USD',
    baseFeeMinor: 1900n,
    seatUnitPrice: '5',
    includedSeats: 3,
    maxSeats: 10,
    charges: [
      { metric: 'messages_sent', model: 'PER_UNIT', unitPrice: '0.001', includedUnits: '100' },
      { metric: 'ai_tokens', model: 'PACKAGE', packageSize: '1000', unitPrice: '0.03' },
      { metric: 'api_calls', model: 'VOLUME', tiers: [tier('1000', '0.002'), tier(null, '0.001')] },
    ],
    quotas: [
      { metric: 'messages_sent', limit: '400', enforcement: 'SOFT' },
      { metric: 'api_calls', limit: '100000', enforcement: 'HARD' },
      { metric: 'ai_tokens', limit: '10000000', enforcement: 'HARD' },
    ],
  },
  TEAM_V1,
  {
    ...TEAM_V1,
    tier: 'team-v2',
    version: 2,
    charges: TEAM_V1.charges.map((charge) =>
      charge.metric === 'ai_tokens' ? { ...charge, unitPrice: '0.025' } : charge,
    ),
  },
  {
    tier: 'business',
    plan: { code: 'business', name: 'Business' },
    version: 1,
    currency: 'EUR',
    baseFeeMinor: 49900n,
    seatUnitPrice: '12',
    includedSeats: 20,
    maxSeats: 500,
    charges: [
      {
        metric: 'messages_sent',
        model: 'VOLUME',
        tiers: [tier('1000', '0.0003'), tier('10000', '0.0002'), tier(null, '0.0001')],
      },
      { metric: 'ai_tokens', model: 'GRADUATED', tiers: [tier('100000', '0.00002'), tier(null, '0.000015')] },
      { metric: 'monthly_active_users', model: 'PER_UNIT', unitPrice: '0.03', includedUnits: '100' },
      { metric: 'api_calls', model: 'PACKAGE', packageSize: '10000', unitPrice: '1' },
      { metric: 'storage_gb_hours', model: 'PER_UNIT', unitPrice: '0.00015' },
      { metric: 'peak_connections', model: 'GRADUATED', tiers: [tier('100', '0'), tier(null, '0.5', '5')] },
    ],
    quotas: [
      { metric: 'ai_tokens', limit: '50000000', enforcement: 'SOFT' },
      { metric: 'api_calls', limit: '10000000', enforcement: 'HARD' },
    ],
  },
  {
    tier: 'enterprise',
    plan: { code: 'enterprise-jp', name: 'Enterprise Japan' },
    version: 1,
    currency: 'JPY',
    baseFeeMinor: 500000n,
    seatUnitPrice: '1500',
    includedSeats: 100,
    maxSeats: 10000,
    charges: [
      { metric: 'messages_sent', model: 'PER_UNIT', unitPrice: '0.01' },
      { metric: 'ai_tokens', model: 'PER_UNIT', unitPrice: '0.002' },
      { metric: 'monthly_active_users', model: 'VOLUME', tiers: [tier('1000', '5'), tier(null, '3')] },
      { metric: 'storage_gb_hours', model: 'PER_UNIT', unitPrice: '0.02' },
      { metric: 'api_calls', model: 'PACKAGE', packageSize: '1000', unitPrice: '10' },
    ],
    quotas: [],
  },
];

export interface ClosePriceList {
  metricIds: Map<CloseMetricCode, string>;
  versionIds: Map<ClosePlanVersion['tier'], string>;
}

/** Writes the metrics and plan versions as the catalog stores them (tiers as JSON, prices as decimals). */
export async function createPriceList(owner: ClientBase): Promise<ClosePriceList> {
  const metricIds = new Map<CloseMetricCode, string>();
  for (const metric of CLOSE_METRICS) {
    const id = randomUUID();
    await owner.query(
      `INSERT INTO billable_metrics (id, code, name, unit, aggregation, property) VALUES ($1, $2, $3, $4, $5, $6)`,
      [id, metric.code, metric.name, metric.unit, metric.aggregation, metric.property],
    );
    metricIds.set(metric.code, id);
  }
  const planIds = new Map<string, string>();
  const versionIds = new Map<ClosePlanVersion['tier'], string>();
  for (const version of CLOSE_PLAN_VERSIONS) {
    let planId = planIds.get(version.plan.code);
    if (!planId) {
      planId = randomUUID();
      planIds.set(version.plan.code, planId);
      await owner.query(`INSERT INTO plans (id, code, name) VALUES ($1, $2, $3)`, [
        planId,
        version.plan.code,
        version.plan.name,
      ]);
    }
    const versionId = randomUUID();
    versionIds.set(version.tier, versionId);
    await owner.query(
      `INSERT INTO plan_versions (id, plan_id, version, status, currency, interval, base_fee_minor, seat_unit_price,
                                  included_seats, max_seats, published_at)
       VALUES ($1, $2, $3, 'PUBLISHED', $4, 'MONTH', $5, $6, $7, $8, now())`,
      [
        versionId,
        planId,
        version.version,
        version.currency,
        version.baseFeeMinor.toString(),
        version.seatUnitPrice,
        version.includedSeats,
        version.maxSeats,
      ],
    );
    for (const charge of version.charges) {
      await owner.query(
        `INSERT INTO plan_charges (id, plan_version_id, metric_id, model, unit_price, package_size, tiers, included_units)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          randomUUID(),
          versionId,
          metricIds.get(charge.metric),
          charge.model,
          charge.unitPrice ?? null,
          charge.packageSize ?? null,
          JSON.stringify(charge.tiers ?? []),
          charge.includedUnits ?? '0',
        ],
      );
    }
    for (const quota of version.quotas) {
      await owner.query(
        `INSERT INTO plan_quotas (id, plan_version_id, metric_id, period_limit, enforcement) VALUES ($1, $2, $3, $4, $5)`,
        [randomUUID(), versionId, metricIds.get(quota.metric), quota.limit, quota.enforcement],
      );
    }
  }
  return { metricIds, versionIds };
}
