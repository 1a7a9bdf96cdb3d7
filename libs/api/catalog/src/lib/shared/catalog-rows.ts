import type { Prisma } from '@warbler/api/core';

/** What every read of a plan version loads: its charges and quotas with their metrics. */
export const VERSION_INCLUDE = {
  charges: { include: { metric: true }, orderBy: { metric: { code: 'asc' } } },
  quotas: { include: { metric: true }, orderBy: { metric: { code: 'asc' } } },
} as const satisfies Prisma.PlanVersionInclude;

export type VersionRow = Prisma.PlanVersionGetPayload<{ include: typeof VERSION_INCLUDE }>;

export const PLAN_INCLUDE = {
  versions: { include: VERSION_INCLUDE, orderBy: { version: 'desc' } },
} as const satisfies Prisma.PlanInclude;

export type PlanRow = Prisma.PlanGetPayload<{ include: typeof PLAN_INCLUDE }>;

/** How tiers are stored in plan_charges.tiers: each tier starts where the previous one ends. */
export interface StoredTier {
  upTo: string | null;
  unitPrice: string;
  flatFee: string;
}

export const PLAN_VERSION_WITH_PLAN = { ...VERSION_INCLUDE, plan: true } as const satisfies Prisma.PlanVersionInclude;
