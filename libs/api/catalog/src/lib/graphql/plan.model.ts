import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { Prisma } from '@warbler/api/core';
import type { PlanRow, StoredTier, VersionRow } from '../shared/catalog-rows';
import { BillableMetricModel, toBillableMetric } from './billable-metric.model';
import { BillingInterval, ChargeModel, PlanVersionStatus, QuotaEnforcement } from './catalog-enums';

@ObjectType('ChargeTier')
export class ChargeTierModel {
  @Field() fromUnits!: string;
  @Field(() => String, { nullable: true, description: 'Exclusive end; null for the open-ended last tier' })
  upTo!: string | null;
  @Field() unitPrice!: string;
  @Field() flatFee!: string;
}

@ObjectType('PlanCharge')
export class PlanChargeModel {
  @Field(() => ID) id!: string;
  @Field(() => BillableMetricModel) metric!: BillableMetricModel;
  @Field(() => ChargeModel) model!: ChargeModel;
  @Field(() => String, { nullable: true, description: 'PER_UNIT: per unit; PACKAGE: per started package' })
  unitPrice!: string | null;
  @Field(() => String, { nullable: true }) packageSize!: string | null;
  @Field() includedUnits!: string;
  @Field(() => [ChargeTierModel]) tiers!: ChargeTierModel[];
}

@ObjectType('PlanQuota')
export class PlanQuotaModel {
  @Field(() => ID) id!: string;
  @Field(() => BillableMetricModel) metric!: BillableMetricModel;
  @Field() periodLimit!: string;
  @Field(() => QuotaEnforcement) enforcement!: QuotaEnforcement;
}

@ObjectType('PlanVersion')
export class PlanVersionModel {
  @Field(() => ID) id!: string;
  @Field(() => ID) planId!: string;
  @Field(() => Int) version!: number;
  @Field(() => PlanVersionStatus) status!: PlanVersionStatus;
  @Field() currency!: string;
  @Field(() => BillingInterval) interval!: BillingInterval;
  @Field({ description: 'Integer minor units of the currency' }) baseFeeMinor!: string;
  @Field({ description: 'Per seat per period, in major units' }) seatUnitPrice!: string;
  @Field(() => Int) includedSeats!: number;
  @Field(() => Int, { description: "The tenant's seat limit while on this version" }) maxSeats!: number;
  @Field(() => Int) trialDays!: number;
  @Field(() => Date, { nullable: true }) publishedAt!: Date | null;
  @Field(() => [PlanChargeModel]) charges!: PlanChargeModel[];
  @Field(() => [PlanQuotaModel]) quotas!: PlanQuotaModel[];
  /** Tenants on this version across the platform; null where the reader may not know (see PlanVersionResolver). */
  subscribers!: number | null;
}

@ObjectType('Plan')
export class PlanModel {
  @Field(() => ID) id!: string;
  @Field() code!: string;
  @Field() name!: string;
  @Field() description!: string;
  @Field() isDefault!: boolean;
  @Field(() => Date, { nullable: true }) archivedAt!: Date | null;
  @Field(() => [PlanVersionModel], { description: 'Newest first' }) versions!: PlanVersionModel[];
  @Field(() => PlanVersionModel, { nullable: true }) latestPublished!: PlanVersionModel | null;
  @Field(() => PlanVersionModel, { nullable: true }) draft!: PlanVersionModel | null;
}

/** Decimal columns as exact text, never in exponent notation. */
export const decimalText = (value: Prisma.Decimal): string => value.toFixed();

export function toChargeTiers(stored: Prisma.JsonValue): ChargeTierModel[] {
  const tiers = (Array.isArray(stored) ? stored : []) as unknown as StoredTier[];
  return tiers.map((tier, i) => ({
    fromUnits: i === 0 ? '0' : (tiers[i - 1].upTo ?? '0'),
    upTo: tier.upTo,
    unitPrice: tier.unitPrice,
    flatFee: tier.flatFee,
  }));
}

export function toPlanVersion(row: VersionRow, subscribers: number | null): PlanVersionModel {
  return {
    id: row.id,
    planId: row.planId,
    version: row.version,
    status: row.status,
    currency: row.currency,
    interval: row.interval,
    baseFeeMinor: row.baseFeeMinor.toString(),
    seatUnitPrice: decimalText(row.seatUnitPrice),
    includedSeats: row.includedSeats,
    maxSeats: row.maxSeats,
    trialDays: row.trialDays,
    publishedAt: row.publishedAt,
    charges: row.charges.map((charge) => ({
      id: charge.id,
      metric: toBillableMetric(charge.metric),
      model: charge.model,
      unitPrice: charge.unitPrice && decimalText(charge.unitPrice),
      packageSize: charge.packageSize && decimalText(charge.packageSize),
      includedUnits: decimalText(charge.includedUnits),
      tiers: toChargeTiers(charge.tiers),
    })),
    quotas: row.quotas.map((quota) => ({
      id: quota.id,
      metric: toBillableMetric(quota.metric),
      periodLimit: decimalText(quota.periodLimit),
      enforcement: quota.enforcement,
    })),
    subscribers,
  };
}

/** A plan with its versions; `subscribers` maps version ids to tenant counts (staff reads only). */
export function toPlan(row: PlanRow, subscribers: ReadonlyMap<string, number>): PlanModel {
  const versions = row.versions.map((version) => toPlanVersion(version, subscribers.get(version.id) ?? 0));
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    description: row.description,
    isDefault: row.isDefault,
    archivedAt: row.archivedAt,
    versions,
    latestPublished: versions.find((version) => version.status === 'PUBLISHED') ?? null,
    draft: versions.find((version) => version.status === 'DRAFT') ?? null,
  };
}
