import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, type Prisma, type TenantTx } from '@warbler/api/core';
import { randomUUID } from 'node:crypto';

/** What the payment provider must hear about, each named by the row that records it. */
export type BillingEvent =
  | { kind: 'subscription.changed'; subscriptionChangeId: string }
  | { kind: 'invoice.finalized'; invoiceId: string }
  | { kind: 'invoice.voided'; invoiceId: string }
  | { kind: 'invoice.payment_recorded'; invoiceId: string; paymentId: string }
  | { kind: 'credit_note.issued'; creditNoteId: string }
  /** A billing period closed: its usage totals are final and go to Stripe's meters. */
  | { kind: 'period.closed'; subscriptionId: string; planVersionId: string; periodStart: string; periodEnd: string }
  /** A subscription Stripe does not mirror yet (a new tenant, or Stripe turned on later). */
  | { kind: 'subscription.mirror'; subscriptionId: string };

/**
 * The one place billing tells the payment provider that something happened. The local provider
 * needs nothing. With Stripe, each event becomes a provider_outbox row in the caller's transaction
 * (so it exists exactly when the change does) and the outbox job sends it afterwards, with the
 * row's idempotency key, until Stripe has it. `tx` may be a tenant or a platform transaction.
 */
@Injectable()
export class BillingEvents {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async record(tx: TenantTx, tenantId: string, event: BillingEvent): Promise<void> {
    await this.recordAll(tx, [{ tenantId, event }]);
  }

  /** Many events in one statement, e.g. every period a period-close chunk closes. */
  async recordAll(tx: TenantTx, events: readonly { tenantId: string; event: BillingEvent }[]): Promise<void> {
    if (this.config.billingProvider !== 'stripe' || events.length === 0) return;
    await tx.providerOutboxEntry.createMany({
      data: events.map(({ tenantId, event }) => {
        const id = randomUUID();
        return {
          tenantId,
          id,
          kind: event.kind,
          payload: event as Prisma.InputJsonValue,
          idempotencyKey: `warbler-${id}`,
        };
      }),
    });
  }
}
