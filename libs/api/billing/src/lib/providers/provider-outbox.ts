import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { PeriodicJobs, PlatformDatabase } from '@warbler/api/core';
import { retryDelayMs } from './outbox-backoff';
import { type OutboxEntry, StripeOutboxHandlers } from './stripe-outbox-handlers';
import { StripeGateway } from './stripe-gateway';

/** Entries claimed at a time. */
const CLAIM_BATCH = 10;
/** A run claims no more batches after this long, well within the job's one-minute lock; the next run goes on. */
const RUN_BUDGET_MS = 30_000;
/** A claimed entry is not claimed again for this long: time enough to send it, short enough to recover a crash. */
const CLAIM_LEASE_MS = 10 * 60 * 1000;
const ERROR_LENGTH = 2000;

export interface OutboxRun {
  sent: number;
  failed: number;
}

/**
 * Sends the provider outbox. Entries are claimed with FOR UPDATE SKIP LOCKED in a statement that also
 * counts the attempt and leases the entry (next_attempt_at moves past the lease), so any number of
 * instances running at once each send an entry once, and one that dies mid-send leaves the entry to be
 * claimed again when the lease ends. Stripe sees the same idempotency key on every attempt. A failure
 * waits retryDelayMs(attempts) (exponential, with jitter) and keeps its error in last_error; sent_at
 * marks an entry done. Retries never stop: an entry that keeps failing shows why in last_error.
 */
@Injectable()
export class ProviderOutbox implements OnModuleInit {
  private readonly logger = new Logger('ProviderOutbox');

  constructor(
    private readonly platform: PlatformDatabase,
    private readonly jobs: PeriodicJobs,
    private readonly gateway: StripeGateway,
    private readonly handlers: StripeOutboxHandlers,
  ) {}

  onModuleInit(): void {
    if (!this.gateway.enabled) return;
    this.jobs.register({ name: 'provider-outbox', everyMs: 10_000, run: async () => void (await this.sendDue()) });
  }

  /** Sends every entry due by `now` (of one tenant only, if given); safe to run on several instances at once. */
  async sendDue(now = new Date(), tenantId?: string): Promise<OutboxRun> {
    const run: OutboxRun = { sent: 0, failed: 0 };
    const deadline = Date.now() + RUN_BUDGET_MS;
    for (;;) {
      const claimed = await this.claim(now, tenantId);
      for (const entry of claimed) {
        if (await this.attempt(entry, now)) run.sent += 1;
        else run.failed += 1;
      }
      if (claimed.length < CLAIM_BATCH || Date.now() > deadline) return run;
    }
  }

  private claim(now: Date, tenantId: string | undefined): Promise<OutboxEntry[]> {
    const leaseEnd = new Date(now.getTime() + CLAIM_LEASE_MS);
    return this.platform.client.$queryRaw<OutboxEntry[]>`
      UPDATE provider_outbox o
      SET attempts = o.attempts + 1, next_attempt_at = ${leaseEnd}
      FROM (
        SELECT tenant_id, id FROM provider_outbox
        WHERE sent_at IS NULL AND next_attempt_at <= ${now}
          AND (${tenantId ?? null}::uuid IS NULL OR tenant_id = ${tenantId ?? null}::uuid)
        ORDER BY next_attempt_at, created_at
        LIMIT ${CLAIM_BATCH}
        FOR UPDATE SKIP LOCKED
      ) due
      WHERE o.tenant_id = due.tenant_id AND o.id = due.id
      RETURNING o.tenant_id AS "tenantId", o.id, o.kind, o.payload, o.idempotency_key AS "idempotencyKey", o.attempts`;
  }

  private async attempt(entry: OutboxEntry, now: Date): Promise<boolean> {
    const where = { tenantId_id: { tenantId: entry.tenantId, id: entry.id } };
    try {
      await this.handlers.send(entry, now);
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      this.logger.warn(`${entry.kind} ${entry.id} failed (attempt ${entry.attempts}): ${message}`);
      await this.platform.client.providerOutboxEntry.update({
        where,
        data: {
          nextAttemptAt: new Date(now.getTime() + retryDelayMs(entry.attempts)),
          lastError: message.slice(0, ERROR_LENGTH),
        },
      });
      return false;
    }
    await this.platform.client.providerOutboxEntry.update({ where, data: { sentAt: new Date(), lastError: null } });
    return true;
  }
}
