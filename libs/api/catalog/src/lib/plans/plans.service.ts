import { Injectable, Logger } from '@nestjs/common';
import { type Actor, badInput, conflict, Database, notFound, PlatformDatabase, type Prisma } from '@warbler/api/core';
import type { CreatePlanInput, PlanVersionInput, UpdatePlanInput } from '../graphql/catalog.inputs';
import { invalidTerms, isUniqueViolation } from '../shared/catalog-errors';
import { PLAN_INCLUDE, type PlanRow, VERSION_INCLUDE, type VersionRow } from '../shared/catalog-rows';
import { lockPlan, lockVersionsPlan } from '../shared/plan-lock';
import { resolvePlanTerms, writeVersionItems } from '../shared/plan-terms';

type Tx = Prisma.TransactionClient;

/** Distinguishes the default-plan lock from every other advisory lock. */
const DEFAULT_PLAN_LOCK = 0x504c414e;

export interface PlanWithSubscribers {
  plan: PlanRow;
  subscribers: Map<string, number>;
}

export interface VersionWithSubscribers {
  version: VersionRow;
  subscribers: number;
}

/**
 * Plans and their versions. A published version is immutable: tenants on it keep exactly the terms
 * they subscribed to until someone moves them, and publishing a newer version moves no one.
 */
@Injectable()
export class PlansService {
  private readonly logger = new Logger('Catalog');

  constructor(
    private readonly db: Database,
    private readonly platform: PlatformDatabase,
  ) {}

  async list(includeArchived: boolean): Promise<PlanWithSubscribers[]> {
    const plans = await this.db.identity.plan.findMany({
      where: includeArchived ? {} : { archivedAt: null },
      include: PLAN_INCLUDE,
      orderBy: { code: 'asc' },
    });
    const subscribers = await this.subscribersOf(
      this.platform.client,
      plans.flatMap((plan) => plan.versions.map((version) => version.id)),
    );
    return plans.map((plan) => ({ plan, subscribers }));
  }

  async get(id: string): Promise<PlanWithSubscribers> {
    return this.load(this.db.identity, id, this.platform.client);
  }

  async create(actor: Actor, input: CreatePlanInput): Promise<PlanWithSubscribers> {
    try {
      return await this.platform.client.$transaction(async (tx) => {
        const terms = await resolvePlanTerms(tx, input.terms);
        const plan = await tx.plan.create({
          data: { code: input.code, name: input.name, description: input.description ?? '' },
        });
        const version = await tx.planVersion.create({ data: { ...terms.version, planId: plan.id, version: 1 } });
        await writeVersionItems(tx, version.id, terms);
        this.logger.log(`${actor.email} created plan ${plan.code} (request ${actor.requestId})`);
        return this.load(tx, plan.id);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(`A plan with code ${input.code} exists`, 'PLAN_CODE_TAKEN');
      throw error;
    }
  }

  async update(actor: Actor, id: string, input: UpdatePlanInput): Promise<PlanWithSubscribers> {
    return this.platform.client.$transaction(async (tx) => {
      await lockPlan(tx, id);
      await tx.plan.update({ where: { id }, data: { name: input.name, description: input.description } });
      this.logger.log(`${actor.email} renamed plan ${id} (request ${actor.requestId})`);
      return this.load(tx, id);
    });
  }

  /** New tenants start on the default plan, so it must have published terms and not be archived. */
  async setDefault(actor: Actor, id: string): Promise<PlanWithSubscribers> {
    return this.platform.client.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${DEFAULT_PLAN_LOCK}::int, 0)`;
      const plan = await lockPlan(tx, id);
      if (plan.archivedAt) throw conflict('An archived plan cannot be the default', 'PLAN_ARCHIVED');
      const published = await tx.planVersion.count({ where: { planId: id, status: 'PUBLISHED' } });
      if (published === 0) {
        throw conflict('Publish a version of the plan before making it the default', 'PLAN_NOT_PUBLISHED');
      }
      await tx.plan.updateMany({ where: { isDefault: true, id: { not: id } }, data: { isDefault: false } });
      await tx.plan.update({ where: { id }, data: { isDefault: true } });
      this.logger.log(`${actor.email} made plan ${plan.code} the default (request ${actor.requestId})`);
      return this.load(tx, id);
    });
  }

  /** Hides the plan from new sales; tenants on its versions stay there. */
  async archive(actor: Actor, id: string): Promise<PlanWithSubscribers> {
    return this.platform.client.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${DEFAULT_PLAN_LOCK}::int, 0)`;
      const plan = await lockPlan(tx, id);
      if (plan.isDefault) throw conflict('Make another plan the default before archiving this one', 'PLAN_IS_DEFAULT');
      if (!plan.archivedAt) {
        await tx.plan.update({ where: { id }, data: { archivedAt: new Date() } });
        this.logger.log(`${actor.email} archived plan ${plan.code} (request ${actor.requestId})`);
      }
      return this.load(tx, id);
    });
  }

  /** A draft starting from the newest version's terms; a plan has at most one draft. */
  async createDraft(actor: Actor, planId: string): Promise<VersionWithSubscribers> {
    return this.platform.client.$transaction(async (tx) => {
      const plan = await lockPlan(tx, planId);
      if (plan.archivedAt) throw conflict('The plan is archived', 'PLAN_ARCHIVED');
      const newest = await tx.planVersion.findFirst({
        where: { planId },
        orderBy: { version: 'desc' },
        include: { charges: true, quotas: true },
      });
      if (!newest) throw notFound('Plan version');
      if (newest.status === 'DRAFT') {
        throw conflict(`Version ${newest.version} of the plan is already a draft`, 'DRAFT_EXISTS');
      }
      const draft = await tx.planVersion.create({
        data: {
          planId,
          version: newest.version + 1,
          currency: newest.currency,
          interval: newest.interval,
          baseFeeMinor: newest.baseFeeMinor,
          seatUnitPrice: newest.seatUnitPrice,
          includedSeats: newest.includedSeats,
          maxSeats: newest.maxSeats,
          trialDays: newest.trialDays,
        },
      });
      await writeVersionItems(tx, draft.id, {
        charges: newest.charges.map((charge) => ({
          metricId: charge.metricId,
          model: charge.model,
          unitPrice: charge.unitPrice,
          packageSize: charge.packageSize,
          includedUnits: charge.includedUnits,
          tiers: charge.tiers as Prisma.InputJsonValue,
        })),
        quotas: newest.quotas.map((quota) => ({
          metricId: quota.metricId,
          periodLimit: quota.periodLimit,
          enforcement: quota.enforcement,
        })),
      });
      this.logger.log(`${actor.email} drafted ${plan.code} v${draft.version} (request ${actor.requestId})`);
      return { version: await this.loadVersion(tx, draft.id), subscribers: 0 };
    });
  }

  /** Replaces all of a draft's terms. */
  async updateDraft(actor: Actor, versionId: string, input: PlanVersionInput): Promise<VersionWithSubscribers> {
    return this.platform.client.$transaction(async (tx) => {
      const { plan, version } = await lockVersionsPlan(tx, versionId);
      this.assertDraft(version);
      const terms = await resolvePlanTerms(tx, input);
      await tx.planCharge.deleteMany({ where: { planVersionId: versionId } });
      await tx.planQuota.deleteMany({ where: { planVersionId: versionId } });
      await tx.planVersion.update({ where: { id: versionId }, data: terms.version });
      await writeVersionItems(tx, versionId, terms);
      this.logger.log(`${actor.email} edited ${plan.code} v${version.version} (request ${actor.requestId})`);
      return { version: await this.loadVersion(tx, versionId), subscribers: 0 };
    });
  }

  async publish(actor: Actor, versionId: string): Promise<VersionWithSubscribers> {
    return this.platform.client.$transaction(async (tx) => {
      const { plan, version } = await lockVersionsPlan(tx, versionId);
      if (version.status === 'PUBLISHED') {
        throw conflict(`Version ${version.version} is already published`, 'VERSION_ALREADY_PUBLISHED');
      }
      if (plan.archivedAt) throw conflict('The plan is archived', 'PLAN_ARCHIVED');
      const draft = await this.loadVersion(tx, versionId);
      const archived = [
        ...draft.charges.map((charge, i) => ({ path: `charges[${i}].metricCode`, metric: charge.metric })),
        ...draft.quotas.map((quota, i) => ({ path: `quotas[${i}].metricCode`, metric: quota.metric })),
      ].filter(({ metric }) => metric.archivedAt !== null);
      if (archived.length > 0) {
        throw invalidTerms(
          archived.map(({ path, metric }) => ({ path, message: `metric ${JSON.stringify(metric.code)} is archived` })),
        );
      }
      await this.assertSameCurrencyForSubscribers(tx, plan.id, draft.currency);
      await tx.planVersion.update({ where: { id: versionId }, data: { status: 'PUBLISHED', publishedAt: new Date() } });
      this.logger.log(`${actor.email} published ${plan.code} v${version.version} (request ${actor.requestId})`);
      return { version: await this.loadVersion(tx, versionId), subscribers: 0 };
    });
  }

  async discardDraft(actor: Actor, versionId: string): Promise<boolean> {
    return this.platform.client.$transaction(async (tx) => {
      const { plan, version } = await lockVersionsPlan(tx, versionId);
      this.assertDraft(version);
      const versions = await tx.planVersion.count({ where: { planId: plan.id } });
      if (versions === 1) {
        throw conflict('A plan keeps at least one version; archive the plan instead', 'ONLY_VERSION');
      }
      await tx.planVersion.delete({ where: { id: versionId } });
      this.logger.log(`${actor.email} discarded ${plan.code} v${version.version} (request ${actor.requestId})`);
      return true;
    });
  }

  private assertDraft(version: { status: string }): void {
    if (version.status !== 'DRAFT') {
      throw conflict('Published versions are immutable; create a draft', 'PUBLISHED_VERSION_IMMUTABLE');
    }
  }

  /**
   * Subscribers are billed in their version's currency; a plan whose subscribers would then be split
   * across currencies cannot be compared or migrated version to version, so that publication is refused.
   */
  private async assertSameCurrencyForSubscribers(tx: Tx, planId: string, currency: string): Promise<void> {
    const other = await tx.planVersion.findFirst({
      where: { planId, status: 'PUBLISHED', currency: { not: currency }, subscriptions: { some: {} } },
      select: { version: true, currency: true },
    });
    if (other) {
      throw badInput(
        `Tenants are subscribed to version ${other.version} in ${other.currency}; a new version must also be in ${other.currency}`,
        'CURRENCY_MISMATCH',
        { problems: [{ path: 'currency', message: `must be ${other.currency} while tenants are subscribed` }] },
      );
    }
  }

  /** Inside a platform transaction `client` also counts; subscriptions are invisible to the app role. */
  private async load(client: Tx, id: string, counter: Tx = client): Promise<PlanWithSubscribers> {
    const plan = await client.plan.findUnique({ where: { id }, include: PLAN_INCLUDE });
    if (!plan) throw notFound('Plan');
    const subscribers = await this.subscribersOf(
      counter,
      plan.versions.map((version) => version.id),
    );
    return { plan, subscribers };
  }

  private async loadVersion(tx: Tx, id: string): Promise<VersionRow> {
    return tx.planVersion.findUniqueOrThrow({ where: { id }, include: VERSION_INCLUDE });
  }

  /** Counts tenants across the platform, hence the platform client: RLS hides other tenants' rows. */
  private async subscribersOf(client: Tx, versionIds: string[]): Promise<Map<string, number>> {
    if (versionIds.length === 0) return new Map();
    const counts = await client.subscription.groupBy({
      by: ['planVersionId'],
      where: { planVersionId: { in: versionIds } },
      _count: { _all: true },
    });
    return new Map(counts.map((row) => [row.planVersionId, row._count._all]));
  }
}
