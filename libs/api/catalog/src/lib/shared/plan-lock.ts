import { type Prisma, notFound } from '@warbler/api/core';

type Tx = Prisma.TransactionClient;

/**
 * Locks the plan row until the transaction ends. Every change to a plan's versions takes it first, so
 * concurrent drafts, edits and publications of one plan run one after another and each sees the
 * others' outcome (one draft, distinct version numbers, no edit of a version being published).
 */
export async function lockPlan(tx: Tx, planId: string) {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM plans WHERE id = ${planId}::uuid FOR UPDATE`;
  if (locked.length === 0) throw notFound('Plan');
  return tx.plan.findUniqueOrThrow({ where: { id: planId } });
}

/** Locks the plan a version belongs to, then reads the version as it is under that lock. */
export async function lockVersionsPlan(tx: Tx, versionId: string) {
  const found = await tx.planVersion.findUnique({ where: { id: versionId }, select: { planId: true } });
  if (!found) throw notFound('Plan version');
  const plan = await lockPlan(tx, found.planId);
  const version = await tx.planVersion.findUnique({ where: { id: versionId } });
  if (!version) throw notFound('Plan version');
  return { plan, version };
}
