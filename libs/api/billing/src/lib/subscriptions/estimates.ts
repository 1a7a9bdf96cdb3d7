import type { Prisma } from '@warbler/api/core';
import type { InvoiceLineDraft, PeriodInvoice } from '@warbler/shared/pricing';
import { type PeriodBilling, explainLine } from '../period-close/period-billing';
import type { EstimatedInvoiceLineModel, UpcomingInvoiceModel } from './subscription-estimates.model';

export function toEstimatedLine(line: InvoiceLineDraft, billing: PeriodBilling): EstimatedInvoiceLineModel {
  return {
    kind: line.kind,
    description: line.description,
    metricCode: line.metricCode,
    tierIndex: line.tierIndex,
    quantity: line.quantity,
    unitPrice: line.unitPrice,
    amountMinor: line.amountMinor.toString(),
    periodStart: line.periodStart,
    periodEnd: line.periodEnd,
    explain: explainLine(line, billing) as Prisma.JsonValue,
  };
}

/** A period's invoice as composed from `billing`, before it exists. */
export function toUpcomingInvoice(
  billing: PeriodBilling,
  invoice: PeriodInvoice,
  estimatedAt: Date,
): UpcomingInvoiceModel {
  return {
    periodStart: billing.input.period.start,
    periodEnd: billing.input.period.end,
    currency: invoice.currency,
    planVersionId: billing.closingVersion.id,
    taxRatePercent: billing.taxRatePercent,
    lines: invoice.lines.map((line) => toEstimatedLine(line, billing)),
    subtotalMinor: invoice.totals.subtotalMinor.toString(),
    taxMinor: invoice.totals.taxMinor.toString(),
    totalMinor: invoice.totals.totalMinor.toString(),
    estimatedAt,
  };
}
