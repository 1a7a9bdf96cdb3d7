import { Injectable, Logger } from '@nestjs/common';
import { type Actor, conflict, Database, notFound, PlatformDatabase } from '@warbler/api/core';
import type { CreateBillableMetricInput, UpdateBillableMetricInput } from '../graphql/catalog.inputs';
import { invalidTerms, isUniqueViolation } from '../shared/catalog-errors';

/**
 * The metrics plans charge for and limit. Catalog changes belong to no tenant, so they leave no tenant
 * audit event; the log line names the operator instead.
 */
@Injectable()
export class BillableMetricsService {
  private readonly logger = new Logger('Catalog');

  constructor(
    private readonly db: Database,
    private readonly platform: PlatformDatabase,
  ) {}

  async list(includeArchived: boolean) {
    return this.db.identity.billableMetric.findMany({
      where: includeArchived ? {} : { archivedAt: null },
      orderBy: { code: 'asc' },
    });
  }

  async create(actor: Actor, input: CreateBillableMetricInput) {
    const property = input.property ?? null;
    if ((input.aggregation === 'UNIQUE_COUNT') !== (property !== null)) {
      throw invalidTerms(
        [
          {
            path: 'property',
            message:
              input.aggregation === 'UNIQUE_COUNT'
                ? 'UNIQUE_COUNT needs the event property whose distinct values it counts'
                : `only UNIQUE_COUNT metrics count an event property, not ${input.aggregation}`,
          },
        ],
        'INVALID_METRIC',
      );
    }
    try {
      const metric = await this.platform.client.billableMetric.create({
        data: {
          code: input.code,
          name: input.name,
          description: input.description ?? '',
          unit: input.unit,
          aggregation: input.aggregation,
          property,
        },
      });
      this.logger.log(`${actor.email} created metric ${metric.code} (request ${actor.requestId})`);
      return metric;
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(`A metric with code ${input.code} exists`, 'METRIC_CODE_TAKEN');
      throw error;
    }
  }

  /** Code and aggregation never change: events and usage already recorded are keyed and summed by them. */
  async update(actor: Actor, id: string, input: UpdateBillableMetricInput) {
    const existing = await this.platform.client.billableMetric.findUnique({ where: { id } });
    if (!existing) throw notFound('Metric');
    const metric = await this.platform.client.billableMetric.update({
      where: { id },
      data: { name: input.name, description: input.description, unit: input.unit },
    });
    this.logger.log(`${actor.email} updated metric ${metric.code} (request ${actor.requestId})`);
    return metric;
  }

  /** Refused while a tenant's current terms charge or limit the metric; archiving twice is harmless. */
  async archive(actor: Actor, id: string) {
    return this.platform.client.$transaction(async (tx) => {
      const locked = await tx.$queryRaw<{ archived_at: Date | null }[]>`
        SELECT archived_at FROM billable_metrics WHERE id = ${id}::uuid FOR UPDATE`;
      if (locked.length === 0) throw notFound('Metric');
      if (locked[0].archived_at) return tx.billableMetric.findUniqueOrThrow({ where: { id } });
      const versionsInUse = await tx.planVersion.count({
        where: {
          status: 'PUBLISHED',
          subscriptions: { some: {} },
          OR: [{ charges: { some: { metricId: id } } }, { quotas: { some: { metricId: id } } }],
        },
      });
      if (versionsInUse > 0) {
        throw conflict(
          `The metric is charged or limited by ${versionsInUse} published plan version(s) with subscribers`,
          'METRIC_IN_USE',
        );
      }
      const metric = await tx.billableMetric.update({ where: { id }, data: { archivedAt: new Date() } });
      this.logger.log(`${actor.email} archived metric ${metric.code} (request ${actor.requestId})`);
      return metric;
    });
  }
}
