import { Injectable, type OnModuleInit } from '@nestjs/common';
import { type EndedPeriod, SubscriptionPeriods } from '@warbler/api/catalog';
import type { Prisma } from '@warbler/api/core';
import { randomUUID } from 'node:crypto';
import { composePeriodInvoice } from '@warbler/shared/pricing';
import { explainLine, readPeriodBillings } from './period-billing';
import { countDiscountPeriods } from './period-discounts';
import type { PricedVersionCache } from './priced-versions';

/** Lines written per statement: one JSON parameter of a few megabytes at most. */
const LINES_PER_STATEMENT = 5_000;

/**
 * Drafts the invoice of each billing period that ends, inside the transaction that rolls the
 * subscription forward: the period is invoiced exactly when it is closed, and only by the run that
 * locked the subscription in that period. A draft with no lines is still made: it documents the period.
 */
@Injectable()
export class InvoiceDrafting implements OnModuleInit {
  /** The versions each close run has priced, by its run: thousands of periods share a few versions. */
  private readonly versionsOfRun = new WeakMap<object, PricedVersionCache>();

  constructor(private readonly periods: SubscriptionPeriods) {}

  onModuleInit(): void {
    this.periods.onPeriodEnd(async (tx, ended) => {
      await this.draft(tx, ended);
    });
  }

  /**
   * Drafts the invoices of these ended periods, with a few set-based statements for all of them, and
   * returns their ids. A period that already has an invoice gets none: the unique key (tenant,
   * subscription, period start) is the backstop behind the locked roll.
   */
  async draft(tx: Prisma.TransactionClient, ended: readonly EndedPeriod[]): Promise<string[]> {
    if (ended.length === 0) return [];
    const billings = await readPeriodBillings(tx, ended, this.versionCacheOf(ended[0].run));
    const drafts = ended.map((period, index) => ({
      period,
      billing: billings[index],
      invoice: composePeriodInvoice(billings[index].input),
    }));
    const invoiceIds = drafts.map(() => randomUUID());
    const created = new Set(
      (
        await tx.$queryRaw<{ id: string }[]>`
          INSERT INTO invoices (tenant_id, id, subscription_id, plan_version_id, period_start, period_end, currency,
                                subtotal_minor, tax_minor, total_minor, tax_rate_percent)
          SELECT * FROM json_to_recordset(${JSON.stringify(
            drafts.map(({ period, billing, invoice }, index) => ({
              tenant_id: period.tenantId,
              id: invoiceIds[index],
              subscription_id: period.subscriptionId,
              plan_version_id: billing.closingVersion.id,
              period_start: period.period.start,
              period_end: period.period.end,
              currency: invoice.currency,
              subtotal_minor: invoice.totals.subtotalMinor.toString(),
              tax_minor: invoice.totals.taxMinor.toString(),
              total_minor: invoice.totals.totalMinor.toString(),
              tax_rate_percent: billing.taxRatePercent,
            })),
          )}::json) AS d(tenant_id uuid, id uuid, subscription_id uuid, plan_version_id uuid, period_start timestamptz,
                         period_end timestamptz, currency text, subtotal_minor bigint, tax_minor bigint,
                         total_minor bigint, tax_rate_percent numeric)
          ON CONFLICT DO NOTHING
          RETURNING id::text`
      ).map(({ id }) => id),
    );
    const lines = drafts.flatMap(({ period, billing, invoice: { lines } }, index) => {
      const invoiceId = invoiceIds[index];
      if (!created.has(invoiceId)) return [];
      return lines.map((line, position) => ({
        tenant_id: period.tenantId,
        id: randomUUID(),
        invoice_id: invoiceId,
        position: position + 1,
        kind: line.kind,
        description: line.description,
        metric_id: line.metricCode === null ? null : (billing.closingVersion.metricIds.get(line.metricCode) ?? null),
        tier_index: line.tierIndex,
        quantity: line.quantity,
        unit_price: line.unitPrice,
        amount_minor: line.amountMinor.toString(),
        period_start: line.periodStart,
        period_end: line.periodEnd,
        explain: explainLine(line, billing),
      }));
    });
    for (let from = 0; from < lines.length; from += LINES_PER_STATEMENT) {
      await tx.$executeRaw`
        INSERT INTO invoice_lines (tenant_id, id, invoice_id, position, kind, description, metric_id, tier_index,
                                   quantity, unit_price, amount_minor, period_start, period_end, explain)
        SELECT * FROM json_to_recordset(${JSON.stringify(lines.slice(from, from + LINES_PER_STATEMENT))}::json)
          AS l(tenant_id uuid, id uuid, invoice_id uuid, position integer, kind "InvoiceLineKind", description text,
               metric_id uuid, tier_index integer, quantity numeric, unit_price numeric, amount_minor bigint,
               period_start timestamptz, period_end timestamptz, explain jsonb)`;
    }
    await countDiscountPeriods(
      tx,
      drafts
        .filter((_, index) => created.has(invoiceIds[index]))
        .map(({ period, billing }) => ({ tenantId: period.tenantId, discounts: billing.input.discounts })),
    );
    return [...created];
  }

  private versionCacheOf(run: object): PricedVersionCache {
    let cache = this.versionsOfRun.get(run);
    if (!cache) {
      cache = new Map();
      this.versionsOfRun.set(run, cache);
    }
    return cache;
  }
}
