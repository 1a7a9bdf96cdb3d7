import type { SubscriptionChangeModel, TenantTx } from '@warbler/api/core';
import { amountDueOf } from '@warbler/shared/pricing';
import type {
  InvoiceFinalizedData,
  InvoicePaidData,
  PaymentFailedData,
  SubscriptionChangedData,
  SubscriptionTerms,
} from '@warbler/api/webhooks';

/** The invoice fields the webhook payloads are made of. */
interface InvoiceFacts {
  id: string;
  number: string | null;
  currency: string;
  totalMinor: bigint;
  amountPaidMinor: bigint;
  amountCreditedMinor: bigint;
  creditsAppliedMinor?: bigint;
  periodStart: Date;
  periodEnd: Date;
  issuedAt: Date | null;
  dueAt: Date | null;
  paidAt: Date | null;
}

/** What a tenant's endpoints receive when one of its invoices is finalized (docs/webhooks.md). */
export function invoiceFinalizedData(invoice: InvoiceFacts): InvoiceFinalizedData {
  return {
    invoice_id: invoice.id,
    number: invoice.number ?? '',
    currency: invoice.currency,
    total_minor: invoice.totalMinor.toString(),
    amount_due_minor: amountDueOf(invoice).toString(),
    period_start: invoice.periodStart.toISOString(),
    period_end: invoice.periodEnd.toISOString(),
    issued_at: (invoice.issuedAt ?? new Date()).toISOString(),
    due_at: invoice.dueAt?.toISOString() ?? null,
  };
}

export function invoicePaidData(invoice: InvoiceFacts): InvoicePaidData {
  return {
    invoice_id: invoice.id,
    number: invoice.number,
    currency: invoice.currency,
    total_minor: invoice.totalMinor.toString(),
    amount_paid_minor: invoice.amountPaidMinor.toString(),
    paid_at: (invoice.paidAt ?? new Date()).toISOString(),
  };
}

export function paymentFailedData(invoice: InvoiceFacts, failedAt: Date): PaymentFailedData {
  return {
    invoice_id: invoice.id,
    number: invoice.number,
    currency: invoice.currency,
    amount_due_minor: amountDueOf(invoice).toString(),
    failed_at: failedAt.toISOString(),
    provider: 'stripe',
  };
}

/** A change that took effect, with the plans on both sides named as the catalog names them. */
export async function subscriptionChangedData(
  tx: TenantTx,
  change: SubscriptionChangeModel,
): Promise<SubscriptionChangedData> {
  const versions = await tx.planVersion.findMany({
    where: { id: { in: [change.fromPlanVersionId, change.toPlanVersionId] } },
    select: { id: true, version: true, plan: { select: { code: true } } },
  });
  const terms = (planVersionId: string, seatQuantity: number): SubscriptionTerms => {
    const version = versions.find((candidate) => candidate.id === planVersionId);
    return {
      plan_code: version?.plan.code ?? '',
      plan_version: version?.version ?? 0,
      plan_version_id: planVersionId,
      seat_quantity: seatQuantity,
    };
  };
  return {
    subscription_id: change.subscriptionId,
    change_id: change.id,
    kind: change.kind,
    effective_at: change.effectiveAt.toISOString(),
    from: terms(change.fromPlanVersionId, change.fromSeatQuantity),
    to: terms(change.toPlanVersionId, change.toSeatQuantity),
  };
}
