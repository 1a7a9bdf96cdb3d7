import type { Prisma } from '@warbler/api/core';
import { PLAN_VERSION_WITH_PLAN } from '../shared/catalog-rows';

type Tx = Prisma.TransactionClient;

export type OfferedVersion = Prisma.PlanVersionGetPayload<{ include: typeof PLAN_VERSION_WITH_PLAN }>;

/**
 * What is on sale: the newest published version of each plan that is not archived, in plan code
 * order. Older published versions keep serving the tenants already on them, but no one moves onto
 * them any more.
 */
export async function planOffers(tx: Tx): Promise<OfferedVersion[]> {
  const plans = await tx.plan.findMany({
    where: { archivedAt: null },
    include: {
      versions: { where: { status: 'PUBLISHED' }, orderBy: { version: 'desc' }, take: 1, select: { id: true } },
    },
    orderBy: { code: 'asc' },
  });
  const ids = plans.flatMap((plan) => plan.versions.map((version) => version.id));
  const versions = await tx.planVersion.findMany({ where: { id: { in: ids } }, include: PLAN_VERSION_WITH_PLAN });
  const byId = new Map(versions.map((version) => [version.id, version]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** The version if it is on sale (see planOffers), else null. */
export async function offeredVersion(tx: Tx, versionId: string): Promise<OfferedVersion | null> {
  const version = await tx.planVersion.findUnique({ where: { id: versionId }, include: PLAN_VERSION_WITH_PLAN });
  if (!version || version.status !== 'PUBLISHED' || version.plan.archivedAt) return null;
  const newer = await tx.planVersion.count({
    where: { planId: version.planId, status: 'PUBLISHED', version: { gt: version.version } },
  });
  return newer === 0 ? version : null;
}

/** The version cancelling moves a tenant onto: the newest published version of the default plan. */
export function defaultPlanVersion(tx: Tx): Promise<OfferedVersion | null> {
  return tx.planVersion.findFirst({
    where: { status: 'PUBLISHED', plan: { isDefault: true, archivedAt: null } },
    orderBy: { version: 'desc' },
    include: PLAN_VERSION_WITH_PLAN,
  });
}
