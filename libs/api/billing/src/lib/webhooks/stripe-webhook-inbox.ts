import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { badInput, DomainError, PeriodicJobs, PlatformDatabase, type Prisma } from '@warbler/api/core';
import type Stripe from 'stripe';
import { StripeGateway } from '../providers/stripe-gateway';
import { StripeReconciliation } from './stripe-reconciliation';

/** An event whose processing failed is tried again by the job once it is this old. */
const RETRY_AFTER_MS = 60_000;
const RETRY_BATCH = 100;
/** With Stripe unreachable each event may take the SDK's whole timeout: a run stops trying after this long. */
const RETRY_BUDGET_MS = 30_000;
const ERROR_LENGTH = 2000;

export type WebhookOutcome = 'processed' | 'duplicate' | 'failed';

/**
 * Stripe's webhook deliveries: the signature is checked over the raw body (nothing is stored
 * without a valid one), each event is stored once by its id, then reconciled. A delivery of an event
 * already processed changes nothing. One whose processing failed is kept with its error and
 * processed again, by Stripe's next delivery or by the retry job, whichever comes first.
 */
@Injectable()
export class StripeWebhookInbox implements OnModuleInit {
  private readonly logger = new Logger('StripeWebhookInbox');

  constructor(
    private readonly gateway: StripeGateway,
    private readonly platform: PlatformDatabase,
    private readonly reconciliation: StripeReconciliation,
    private readonly jobs: PeriodicJobs,
  ) {}

  onModuleInit(): void {
    if (!this.gateway.enabled) return;
    this.jobs.register({
      name: 'stripe-webhook-retry',
      everyMs: 60_000,
      run: async () => void (await this.retryFailed()),
    });
  }

  async receive(rawBody: Buffer, signature: string | undefined): Promise<WebhookOutcome> {
    if (!signature) throw badInput('The Stripe-Signature header is missing', 'INVALID_SIGNATURE');
    const event = this.verified(rawBody, signature);
    const { count } = await this.platform.client.stripeWebhookEvent.createMany({
      data: [
        {
          id: event.id,
          type: event.type,
          createdAt: new Date(event.created * 1000),
          payload: JSON.parse(rawBody.toString('utf8')) as Prisma.InputJsonValue,
        },
      ],
      skipDuplicates: true,
    });
    if (count === 0) {
      const stored = await this.platform.client.stripeWebhookEvent.findUnique({
        where: { id: event.id },
        select: { processedAt: true },
      });
      if (stored?.processedAt) return 'duplicate';
    }
    return (await this.process(event)) ? 'processed' : 'failed';
  }

  /** Processes again the events whose processing failed; returns how many now succeeded. */
  async retryFailed(now = new Date()): Promise<number> {
    const failed = await this.platform.client.stripeWebhookEvent.findMany({
      where: { processedAt: null, receivedAt: { lte: new Date(now.getTime() - RETRY_AFTER_MS) } },
      orderBy: { receivedAt: 'asc' },
      take: RETRY_BATCH,
    });
    const deadline = Date.now() + RETRY_BUDGET_MS;
    let processed = 0;
    for (const stored of failed) {
      if (Date.now() > deadline) break;
      if (await this.process(stored.payload as unknown as Stripe.Event)) processed += 1;
    }
    return processed;
  }

  private verified(rawBody: Buffer, signature: string): Stripe.Event {
    try {
      return this.gateway.webhookEvent(rawBody, signature);
    } catch (error) {
      if (error instanceof DomainError) throw error;
      throw badInput('The Stripe-Signature does not match this payload, or it is too old', 'INVALID_SIGNATURE');
    }
  }

  private async process(event: Stripe.Event): Promise<boolean> {
    const events = this.platform.client.stripeWebhookEvent;
    try {
      const tenantId = await this.reconciliation.apply(event);
      await events.update({ where: { id: event.id }, data: { processedAt: new Date(), tenantId, error: null } });
      return true;
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      this.logger.warn(`Stripe event ${event.id} (${event.type}) failed: ${message}`);
      await events.update({ where: { id: event.id }, data: { error: message.slice(0, ERROR_LENGTH) } });
      return false;
    }
  }
}
