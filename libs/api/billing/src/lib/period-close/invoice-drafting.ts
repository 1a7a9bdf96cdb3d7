import { Injectable, type OnModuleInit } from '@nestjs/common';
import { type EndedPeriod, SubscriptionPeriods } from '@warbler/api/catalog';
import type { Prisma, InvoiceModel as StoredInvoice } from '@warbler/api/core';
import { composePeriodInvoice } from '@warbler/shared/pricing';
import { explainLine, readPeriodBilling } from './period-billing';
import type { PricedVersionCache } from './priced-versions';

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
   * The draft of one ended period, or null when the period already has an invoice: the unique key
   * (tenant, subscription, period start) is the backstop behind the locked roll.
   */
  async draft(tx: Prisma.TransactionClient, ended: EndedPeriod): Promise<StoredInvoice | null> {
    let versionCache = this.versionsOfRun.get(ended.run);
    if (!versionCache) {
      versionCache = new Map();
      this.versionsOfRun.set(ended.run, versionCache);
    }
    const billing = await readPeriodBilling(tx, ended, undefined, versionCache);
    const { lines, totals, currency } = composePeriodInvoice(billing.input);
    const [invoice] = await tx.invoice.createManyAndReturn({
      data: [
        {
          tenantId: ended.tenantId,
          subscriptionId: ended.subscriptionId,
          planVersionId: billing.closingVersion.id,
          periodStart: ended.period.start,
          periodEnd: ended.period.end,
          currency,
          subtotalMinor: totals.subtotalMinor,
          taxMinor: totals.taxMinor,
          totalMinor: totals.totalMinor,
          taxRatePercent: billing.taxRatePercent,
        },
      ],
      skipDuplicates: true,
    });
    if (!invoice) return null;
    if (lines.length > 0) {
      await tx.invoiceLine.createMany({
        data: lines.map((line, index) => ({
          tenantId: invoice.tenantId,
          invoiceId: invoice.id,
          position: index + 1,
          kind: line.kind,
          description: line.description,
          metricId: line.metricCode === null ? null : (billing.closingVersion.metricIds.get(line.metricCode) ?? null),
          tierIndex: line.tierIndex,
          quantity: line.quantity,
          unitPrice: line.unitPrice,
          amountMinor: line.amountMinor,
          periodStart: line.periodStart,
          periodEnd: line.periodEnd,
          explain: explainLine(line, billing),
        })),
      });
    }
    return invoice;
  }
}
