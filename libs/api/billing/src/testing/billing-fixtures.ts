import { randomUUID } from 'node:crypto';
import type { ChargeModel, Prisma, QuotaEnforcement } from '@warbler/api/core';
import { newMember, ownerClient } from '@warbler/api/core/testing';
import { type BillingPeriod, formatMinor, type InvoiceLineDraft, totalsOf } from '@warbler/shared/pricing';

const suffix = () => randomUUID().replaceAll('-', '').slice(0, 10);
const DAY_MS = 24 * 60 * 60 * 1000;

export interface ChargeFixture {
  name: string;
  model: ChargeModel;
  unitPrice?: string;
  packageSize?: string;
  includedUnits?: string;
  tiers?: { upTo: string | null; unitPrice: string; flatFee: string }[];
  quota?: { periodLimit: string; enforcement: QuotaEnforcement };
}

export interface PlanFixture {
  name?: string;
  currency?: string;
  baseFeeMinor?: bigint;
  seatUnitPrice?: string;
  includedSeats?: number;
  charges?: ChargeFixture[];
}

/**
 * A published plan version written as the owner, the way the catalog stores it, with one live metric
 * per charge; returns the version and the metric ids in the order of `charges`.
 */
export async function billedPlan(terms: PlanFixture = {}) {
  const owner = ownerClient();
  const plan = await owner.plan.create({ data: { code: `billing-${suffix()}`, name: terms.name ?? 'Billing' } });
  const version = await owner.planVersion.create({
    data: {
      planId: plan.id,
      version: 1,
      status: 'PUBLISHED',
      publishedAt: new Date(),
      currency: terms.currency ?? 'USD',
      interval: 'MONTH',
      baseFeeMinor: terms.baseFeeMinor ?? 0n,
      seatUnitPrice: terms.seatUnitPrice ?? '0',
      includedSeats: terms.includedSeats ?? 0,
      maxSeats: 50,
    },
  });
  const metricIds: string[] = [];
  for (const [index, charge] of (terms.charges ?? []).entries()) {
    // Charges are priced in metric code order; the index keeps it the order given here.
    const metric = await owner.billableMetric.create({
      data: { code: `m${index}_${suffix()}`, name: charge.name, unit: 'unit', aggregation: 'SUM' },
    });
    metricIds.push(metric.id);
    await owner.planCharge.create({
      data: {
        planVersionId: version.id,
        metricId: metric.id,
        model: charge.model,
        unitPrice: charge.unitPrice ?? null,
        packageSize: charge.packageSize ?? null,
        includedUnits: charge.includedUnits ?? '0',
        tiers: (charge.tiers ?? []) as Prisma.InputJsonValue,
      },
    });
    if (charge.quota) {
      await owner.planQuota.create({ data: { planVersionId: version.id, metricId: metric.id, ...charge.quota } });
    }
  }
  return { planVersionId: version.id, metricIds };
}

/** `count` active members of the tenant holding a seat. */
export async function seatHolders(tenantId: string, count: number): Promise<void> {
  for (let n = 0; n < count; n++) await newMember(tenantId, 'MEMBER', { seatAssigned: true });
}

/** A metric's total for a period, as ingestion leaves it in usage_period_totals. */
export async function periodTotal(tenantId: string, metricId: string, period: BillingPeriod, value: string) {
  await ownerClient().usagePeriodTotal.create({
    data: { tenantId, metricId, periodStart: period.start, periodEnd: period.end, value, eventCount: 42n },
  });
}

/**
 * Puts the tenant's subscription on `planVersionId` in `period`, anchored at its start, paying for
 * `seatQuantity` seats. Call it last in a test's setup: once the period has ended, any rollover run
 * may close it.
 */
export async function subscribeInPeriod(
  tenantId: string,
  planVersionId: string,
  period: BillingPeriod,
  trialEndsAt: Date | null = null,
  seatQuantity = 0,
): Promise<void> {
  await ownerClient().subscription.update({
    where: { tenantId },
    data: {
      planVersionId,
      currentPeriodStart: period.start,
      currentPeriodEnd: period.end,
      billingAnchorAt: period.start,
      trialEndsAt,
      seatQuantity,
    },
  });
}

let drafts = 0;

/**
 * A DRAFT invoice of the tenant written as the owner, for tests of what happens after drafting:
 * `totalMinor` USD in one base-fee line (none for 0). Each draft gets a period of its own.
 */
export async function draftInvoice(tenantId: string, totalMinor = 10_000n) {
  const owner = ownerClient();
  const subscription = await owner.subscription.findUniqueOrThrow({ where: { tenantId } });
  drafts += 1;
  const periodStart = new Date(Date.UTC(2001, 0, 1) + drafts * DAY_MS);
  const periodEnd = new Date(periodStart.getTime() + DAY_MS);
  const invoice = await owner.invoice.create({
    data: {
      tenantId,
      subscriptionId: subscription.id,
      planVersionId: subscription.planVersionId,
      periodStart,
      periodEnd,
      currency: 'USD',
      subtotalMinor: totalMinor,
      taxMinor: 0n,
      totalMinor,
    },
  });
  if (totalMinor > 0n) {
    await owner.invoiceLine.create({
      data: {
        tenantId,
        invoiceId: invoice.id,
        position: 1,
        kind: 'BASE_FEE',
        description: 'Fixture base fee',
        quantity: '1',
        unitPrice: (Number(totalMinor) / 100).toFixed(2),
        amountMinor: totalMinor,
        periodStart,
        periodEnd,
      },
    });
  }
  return invoice;
}

export interface DraftLineFixture {
  description: string;
  amountMinor: bigint;
  quantity?: string;
  unitPrice?: string;
}

/**
 * A DRAFT invoice of the tenant written as the owner, priced the way drafting prices one: its lines'
 * amounts add up to the subtotal, the tax is `taxRatePercent` of it, rounded once (totalsOf).
 */
export async function draftInvoiceWith(
  tenantId: string,
  terms: { currency?: string; taxRatePercent?: string | null; lines: DraftLineFixture[] },
) {
  const owner = ownerClient();
  const subscription = await owner.subscription.findUniqueOrThrow({ where: { tenantId } });
  const currency = terms.currency ?? 'USD';
  const taxRatePercent = terms.taxRatePercent ?? null;
  drafts += 1;
  const periodStart = new Date(Date.UTC(2001, 0, 1) + drafts * DAY_MS);
  const periodEnd = new Date(periodStart.getTime() + DAY_MS);
  const totals = totalsOf(terms.lines as unknown as InvoiceLineDraft[], currency, taxRatePercent);
  const invoice = await owner.invoice.create({
    data: {
      tenantId,
      subscriptionId: subscription.id,
      planVersionId: subscription.planVersionId,
      periodStart,
      periodEnd,
      currency,
      taxRatePercent,
      ...totals,
    },
  });
  await owner.invoiceLine.createMany({
    data: terms.lines.map((line, index) => ({
      tenantId,
      invoiceId: invoice.id,
      position: index + 1,
      kind: 'BASE_FEE' as const,
      description: line.description,
      quantity: line.quantity ?? '1',
      unitPrice: line.unitPrice ?? formatMinor(line.amountMinor, currency),
      amountMinor: line.amountMinor,
      periodStart,
      periodEnd,
    })),
  });
  return owner.invoice.findUniqueOrThrow({
    where: { tenantId_id: { tenantId, id: invoice.id } },
    include: { lines: { orderBy: { position: 'asc' } } },
  });
}

/** The credit note numbers issued in a year and the sequence's next value, from one snapshot (see numberingOfYear). */
export async function creditNoteNumberingOfYear(year: number): Promise<{ issued: number[]; next: number }> {
  const [row] = await ownerClient().$queryRaw<{ issued: string[] | null; next: bigint | null }[]>`
    SELECT (SELECT array_agg(number ORDER BY number) FROM credit_notes WHERE number LIKE ${`CN-${year}-%`}) AS issued,
           (SELECT next_value FROM credit_note_number_sequences WHERE year = ${year}) AS next`;
  return {
    issued: (row.issued ?? []).map((number) => Number(number.split('-')[2])).sort((a, b) => a - b),
    next: Number(row.next ?? 1n),
  };
}
