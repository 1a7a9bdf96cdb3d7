import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, Database, PlatformDatabase } from '@warbler/api/core';
import { WebhookSecretBox } from '../endpoints/webhook-secret-box';
import { retryDelayMs } from './retry-schedule';
import { signatureHeader } from './webhook-signature';
import { type SendOutcome, sendWebhook } from './webhook-sender';

/** Deliveries claimed at a time; they are sent concurrently. */
const CLAIM_BATCH = 10;
/** How often an idle worker looks for due deliveries. */
const POLL_MS = 2_000;
/** A claim outlives the longest attempt by this much before another worker may take the delivery over. */
const LEASE_MARGIN_MS = 60_000;
const ERROR_LENGTH = 1000;

interface Claimed {
  tenantId: string;
  id: string;
  attempts: number;
  retryUntil: Date;
}

export interface DispatchRun {
  succeeded: number;
  failed: number;
}

/**
 * The delivery worker; one runs in every API instance (with JOBS_ENABLED). Due deliveries are claimed
 * with FOR UPDATE SKIP LOCKED in a statement that also counts the attempt and leases the row
 * (locked_until), so instances never attempt one delivery at once and a worker that dies leaves it to
 * be claimed again when the lease ends: at least once, never lost. Claiming crosses tenants, so it
 * alone uses the platform role; reading the endpoint and recording the attempt run in the tenant's own
 * transaction under row-level security. On shutdown the worker stops claiming and finishes (and
 * records) the attempts under way, so a restart neither loses nor repeats a delivery.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('WebhookDispatcher');
  private active = false;
  private stopping = false;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;
  private wakeRequested = false;

  constructor(
    private readonly platform: PlatformDatabase,
    private readonly db: Database,
    private readonly box: WebhookSecretBox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.jobsEnabled) return;
    this.active = true;
    this.schedule(0);
  }

  /** Looks for due deliveries now rather than at the next poll (a test event, a redelivery). */
  wake(): void {
    if (!this.active) return;
    if (this.running) {
      this.wakeRequested = true;
      return;
    }
    this.schedule(0);
  }

  async onModuleDestroy(): Promise<void> {
    this.active = false;
    this.stopping = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Attempts every delivery due by `now` (of one tenant only, if given); safe on several instances at once. */
  async deliverDue(now = new Date(), tenantId?: string): Promise<DispatchRun> {
    const run: DispatchRun = { succeeded: 0, failed: 0 };
    while (!this.stopping) {
      const claimed = await this.claim(now, tenantId);
      const outcomes = await Promise.all(claimed.map((delivery) => this.attempt(delivery, now)));
      for (const succeeded of outcomes) {
        if (succeeded) run.succeeded += 1;
        else run.failed += 1;
      }
      if (claimed.length < CLAIM_BATCH) break;
    }
    return run;
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.tick(), delayMs);
    this.timer.unref();
  }

  private tick(): void {
    this.running = this.deliverDue()
      .then(() => undefined)
      .catch((error: unknown) => this.logger.error(`Webhook deliveries failed: ${messageOf(error)}`))
      .finally(() => {
        this.running = null;
        if (!this.active) return;
        this.schedule(this.wakeRequested ? 0 : POLL_MS);
        this.wakeRequested = false;
      });
  }

  private claim(now: Date, tenantId: string | undefined): Promise<Claimed[]> {
    const leaseEnd = new Date(now.getTime() + this.config.webhookTimeoutMs + LEASE_MARGIN_MS);
    return this.platform.client.$queryRaw<Claimed[]>`
      UPDATE webhook_deliveries d
      SET attempts = d.attempts + 1, locked_until = ${leaseEnd}
      FROM (
        SELECT w.tenant_id, w.id FROM webhook_deliveries w
        JOIN webhook_endpoints e ON e.tenant_id = w.tenant_id AND e.id = w.endpoint_id AND e.enabled
        WHERE w.status = 'PENDING' AND w.next_attempt_at <= ${now}
          AND (w.locked_until IS NULL OR w.locked_until <= ${now})
          AND (${tenantId ?? null}::uuid IS NULL OR w.tenant_id = ${tenantId ?? null}::uuid)
        ORDER BY w.next_attempt_at, w.created_at
        LIMIT ${CLAIM_BATCH}
        FOR UPDATE OF w SKIP LOCKED
      ) due
      WHERE d.tenant_id = due.tenant_id AND d.id = due.id
      RETURNING d.tenant_id AS "tenantId", d.id, d.attempts, d.retry_until AS "retryUntil"`;
  }

  /** One attempt, recorded; true when the endpoint answered 2xx. Never throws: a broken attempt is logged. */
  private async attempt(claimed: Claimed, now: Date): Promise<boolean> {
    try {
      const request = await this.requestFor(claimed);
      // Deleted with its endpoint since it was claimed: nothing left to send or record.
      if (!request) return false;
      const attemptedAt = new Date();
      const outcome = await sendWebhook(request, {
        timeoutMs: this.config.webhookTimeoutMs,
        allowPrivateTargets: this.config.webhookAllowPrivateTargets,
      });
      await this.record(claimed, attemptedAt, outcome, now);
      if (!outcome.succeeded) {
        this.logger.warn(`Webhook delivery ${claimed.id} attempt ${claimed.attempts} failed: ${outcome.error}`);
      }
      return outcome.succeeded;
    } catch (error) {
      this.logger.error(`Webhook delivery ${claimed.id} could not be attempted: ${messageOf(error)}`);
      return false;
    }
  }

  /** The POST to make: the body, signed with each secret that signs now. */
  private requestFor(claimed: Claimed) {
    return this.db.forTenant(claimed).transaction(async (tx) => {
      const delivery = await tx.webhookDelivery.findFirst({
        where: { id: claimed.id },
        include: { event: true, endpoint: true },
      });
      if (!delivery) return null;
      const { event, endpoint } = delivery;
      const body = JSON.stringify({
        id: event.id,
        type: event.type,
        created_at: event.createdAt.toISOString(),
        tenant_id: event.tenantId,
        data: event.data,
      });
      const secrets = [this.box.open(endpoint, endpoint.secretSealed)];
      if (
        endpoint.previousSecretSealed &&
        endpoint.previousSecretExpiresAt &&
        endpoint.previousSecretExpiresAt > new Date()
      ) {
        secrets.push(this.box.open(endpoint, endpoint.previousSecretSealed));
      }
      const timestamp = Math.floor(Date.now() / 1000);
      return {
        url: endpoint.url,
        body,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Warbler-Webhooks/1.0',
          'warbler-signature': signatureHeader(secrets, timestamp, body),
          'warbler-event-id': event.id,
          'warbler-event-type': event.type,
        },
      };
    });
  }

  /**
   * Logs the attempt and moves the delivery on: SUCCEEDED, or PENDING again after the backoff, or FAILED
   * once the next retry would fall after retry_until. The update is fenced by the attempt count, so a
   * worker that overran its lease cannot overwrite what the one that took over recorded.
   */
  private async record(claimed: Claimed, attemptedAt: Date, outcome: SendOutcome, now: Date): Promise<void> {
    const nextAttemptAt = new Date(now.getTime() + retryDelayMs(claimed.attempts));
    const status = outcome.succeeded ? 'SUCCEEDED' : nextAttemptAt > claimed.retryUntil ? 'FAILED' : 'PENDING';
    await this.db.forTenant(claimed).transaction(async (tx) => {
      await tx.webhookDeliveryAttempt.create({
        data: {
          tenantId: claimed.tenantId,
          deliveryId: claimed.id,
          number: claimed.attempts,
          attemptedAt,
          durationMs: outcome.durationMs,
          succeeded: outcome.succeeded,
          statusCode: outcome.statusCode,
          error: outcome.error?.slice(0, ERROR_LENGTH) ?? null,
          responseSnippet: outcome.responseSnippet,
        },
      });
      await tx.webhookDelivery.updateMany({
        where: { id: claimed.id, attempts: claimed.attempts },
        data: {
          status,
          lockedUntil: null,
          lastAttemptAt: attemptedAt,
          lastStatusCode: outcome.statusCode,
          lastError: outcome.error?.slice(0, ERROR_LENGTH) ?? null,
          ...(status === 'PENDING' && { nextAttemptAt }),
          ...(status === 'SUCCEEDED' && { deliveredAt: new Date() }),
        },
      });
    });
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));
