import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@warbler/api/core';

/**
 * The demo price list of a chat/IM cloud with AI features: what its customers' software
 * reports (metrics) and the four plans it sells. Prices are decimals in major units;
 * fees are integer cents.
 */
export const DEMO_METRICS = [
  { code: 'messages_sent', name: 'Messages sent', unit: 'messages', aggregation: 'COUNT' },
  { code: 'api_calls', name: 'API calls', unit: 'calls', aggregation: 'COUNT' },
  {
    code: 'monthly_active_users',
    name: 'Monthly active users',
    unit: 'users',
    aggregation: 'UNIQUE_COUNT',
    property: 'user_id',
  },
  { code: 'ai_tokens', name: 'AI tokens', unit: 'tokens', aggregation: 'SUM' },
  { code: 'storage_gb_hours', name: 'Storage', unit: 'GB-hours', aggregation: 'SUM' },
  { code: 'peak_connections', name: 'Peak concurrent connections', unit: 'connections', aggregation: 'MAX' },
] as const;

export type DemoMetricCode = (typeof DEMO_METRICS)[number]['code'];

/** Stored the way the catalog stores tiers: each starts where the previous one ends. */
interface Tier {
  upTo: string | null;
  unitPrice: string;
  flatFee: string;
}

interface DemoVersion {
  baseFeeMinor: bigint;
  seatUnitPrice: string;
  includedSeats: number;
  maxSeats: number;
  trialDays: number;
  charges: {
    metric: DemoMetricCode;
    model: 'PER_UNIT' | 'GRADUATED' | 'VOLUME' | 'PACKAGE';
    unitPrice?: string;
    packageSize?: string;
    includedUnits?: string;
    tiers?: Tier[];
  }[];
  quotas: { metric: DemoMetricCode; limit: string; enforcement: 'HARD' | 'SOFT' }[];
}

const tier = (upTo: string | null, unitPrice: string, flatFee = '0'): Tier => ({
  upTo,
  unitPrice,
  flatFee,
});

const FREE: DemoVersion = {
  baseFeeMinor: 0n,
  seatUnitPrice: '0',
  includedSeats: 3,
  maxSeats: 5,
  trialDays: 0,
  charges: [],
  quotas: [
    { metric: 'messages_sent', limit: '10000', enforcement: 'HARD' },
    { metric: 'api_calls', limit: '20000', enforcement: 'HARD' },
    { metric: 'monthly_active_users', limit: '100', enforcement: 'HARD' },
    { metric: 'ai_tokens', limit: '50000', enforcement: 'HARD' },
  ],
};

const TEAM_V1: DemoVersion = {
  baseFeeMinor: 4900n,
  seatUnitPrice: '8',
  includedSeats: 5,
  maxSeats: 10,
  trialDays: 14,
  charges: [
    {
      metric: 'messages_sent',
      model: 'GRADUATED',
      tiers: [tier('100000', '0'), tier('1000000', '0.0004'), tier(null, '0.0002')],
    },
    { metric: 'ai_tokens', model: 'PACKAGE', packageSize: '1000', unitPrice: '0.02', includedUnits: '100000' },
    { metric: 'monthly_active_users', model: 'PER_UNIT', unitPrice: '0.05', includedUnits: '500' },
    { metric: 'storage_gb_hours', model: 'PER_UNIT', unitPrice: '0.0002' },
  ],
  quotas: [
    { metric: 'messages_sent', limit: '2000000', enforcement: 'SOFT' },
    { metric: 'ai_tokens', limit: '2500000', enforcement: 'HARD' },
    { metric: 'monthly_active_users', limit: '5000', enforcement: 'SOFT' },
    { metric: 'api_calls', limit: '500000', enforcement: 'HARD' },
  ],
};

/** Team v2 raised the AI price; tenants on v1 keep it until moved. */
const TEAM_V2: DemoVersion = {
  ...TEAM_V1,
  charges: TEAM_V1.charges.map((charge) =>
    charge.metric === 'ai_tokens' ? { ...charge, unitPrice: '0.025' } : charge,
  ),
};

const BUSINESS: DemoVersion = {
  baseFeeMinor: 49900n,
  seatUnitPrice: '12',
  includedSeats: 20,
  maxSeats: 500,
  trialDays: 14,
  charges: [
    {
      metric: 'messages_sent',
      model: 'VOLUME',
      tiers: [tier('1000000', '0.0003'), tier('10000000', '0.0002'), tier(null, '0.0001')],
    },
    {
      metric: 'ai_tokens',
      model: 'GRADUATED',
      tiers: [tier('1000000', '0.00002', '0'), tier(null, '0.000015', '0')],
    },
    { metric: 'monthly_active_users', model: 'PER_UNIT', unitPrice: '0.03', includedUnits: '5000' },
    { metric: 'api_calls', model: 'PACKAGE', packageSize: '10000', unitPrice: '1' },
    { metric: 'storage_gb_hours', model: 'PER_UNIT', unitPrice: '0.00015' },
  ],
  quotas: [
    { metric: 'ai_tokens', limit: '50000000', enforcement: 'SOFT' },
    { metric: 'api_calls', limit: '10000000', enforcement: 'SOFT' },
  ],
};

const ENTERPRISE: DemoVersion = {
  baseFeeMinor: 499900n,
  seatUnitPrice: '15',
  includedSeats: 100,
  maxSeats: 10000,
  trialDays: 30,
  charges: [
    { metric: 'messages_sent', model: 'PER_UNIT', unitPrice: '0.00008' },
    { metric: 'ai_tokens', model: 'PER_UNIT', unitPrice: '0.00001' },
    { metric: 'monthly_active_users', model: 'PER_UNIT', unitPrice: '0.02', includedUnits: '50000' },
    { metric: 'storage_gb_hours', model: 'PER_UNIT', unitPrice: '0.0001' },
  ],
  quotas: [],
};

export const DEMO_PLANS: { code: string; name: string; description: string; versions: DemoVersion[] }[] = [
  { code: 'free', name: 'Free', description: 'Try the chat cloud with a small team.', versions: [FREE] },
  {
    code: 'team',
    name: 'Team',
    description: 'For growing apps: pay for what you send.',
    versions: [TEAM_V1, TEAM_V2],
  },
  { code: 'business', name: 'Business', description: 'Volume pricing and higher limits.', versions: [BUSINESS] },
  {
    code: 'enterprise',
    name: 'Enterprise',
    description: 'Committed volume, no hard limits.',
    versions: [ENTERPRISE],
  },
];

/** Creates the demo metrics and plans; returns the published version ids by "code@version". */
export async function seedDemoCatalog(owner: PrismaClient): Promise<Map<string, string>> {
  const metricIds = new Map<string, string>();
  for (const metric of DEMO_METRICS) {
    const created = await owner.billableMetric.create({
      data: { id: randomUUID(), description: '', property: null, ...metric },
    });
    metricIds.set(metric.code, created.id);
  }
  const versionIds = new Map<string, string>();
  for (const plan of DEMO_PLANS) {
    // The migration created the default Free plan with an empty version 1; the demo's
    // Free terms become its version 2, as a platform admin's edit would.
    const existing = await owner.plan.findUnique({ where: { code: plan.code }, include: { versions: true } });
    const planId = existing?.id ?? randomUUID();
    if (!existing) {
      await owner.plan.create({
        data: { id: planId, code: plan.code, name: plan.name, description: plan.description },
      });
    } else {
      await owner.plan.update({ where: { id: planId }, data: { description: plan.description } });
    }
    let version = existing?.versions.length ?? 0;
    for (const terms of plan.versions) {
      version += 1;
      const id = randomUUID();
      await owner.planVersion.create({
        data: {
          id,
          planId,
          version,
          status: 'PUBLISHED',
          publishedAt: new Date(),
          currency: 'USD',
          interval: 'MONTH',
          baseFeeMinor: terms.baseFeeMinor,
          seatUnitPrice: terms.seatUnitPrice,
          includedSeats: terms.includedSeats,
          maxSeats: terms.maxSeats,
          trialDays: terms.trialDays,
          charges: {
            create: terms.charges.map((charge) => ({
              id: randomUUID(),
              metricId: metricIds.get(charge.metric) as string,
              model: charge.model,
              unitPrice: charge.unitPrice ?? null,
              packageSize: charge.packageSize ?? null,
              includedUnits: charge.includedUnits ?? '0',
              tiers: (charge.tiers ?? []) as unknown as object,
            })),
          },
          quotas: {
            create: terms.quotas.map((quota) => ({
              id: randomUUID(),
              metricId: metricIds.get(quota.metric) as string,
              periodLimit: quota.limit,
              enforcement: quota.enforcement,
            })),
          },
        },
      });
      versionIds.set(`${plan.code}@${version}`, id);
    }
  }
  return versionIds;
}
