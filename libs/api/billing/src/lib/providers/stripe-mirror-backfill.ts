import { Injectable, type OnModuleInit } from '@nestjs/common';
import { PeriodicJobs, PlatformDatabase } from '@warbler/api/core';
import { StripeGateway } from './stripe-gateway';

/**
 * Queues a `subscription.mirror` outbox entry for each subscription Stripe does not mirror yet: a tenant
 * that signed up since the last run, every tenant when Stripe is turned on for an existing Warbler, or
 * one whose Stripe subscription was cancelled from Stripe's dashboard. A subscription with an entry of
 * its own still waiting gets no second one.
 */
@Injectable()
export class StripeMirrorBackfill implements OnModuleInit {
  constructor(
    private readonly platform: PlatformDatabase,
    private readonly jobs: PeriodicJobs,
    private readonly gateway: StripeGateway,
  ) {}

  onModuleInit(): void {
    if (!this.gateway.enabled) return;
    this.jobs.register({
      name: 'stripe-mirror-backfill',
      everyMs: 5 * 60_000,
      run: async () => void (await this.queue()),
    });
  }

  /** Returns how many entries were queued (for one tenant only, if given). */
  queue(tenantId?: string): Promise<number> {
    return this.platform.client.$executeRaw`
      INSERT INTO provider_outbox (tenant_id, id, kind, payload, idempotency_key)
      SELECT s.tenant_id, entry.id, 'subscription.mirror',
             jsonb_build_object('kind', 'subscription.mirror', 'subscriptionId', s.id), 'warbler-' || entry.id
      FROM subscriptions s CROSS JOIN LATERAL (SELECT gen_random_uuid() AS id) entry
      WHERE s.stripe_subscription_id IS NULL
        AND (${tenantId ?? null}::uuid IS NULL OR s.tenant_id = ${tenantId ?? null}::uuid)
        AND NOT EXISTS (
          SELECT 1 FROM provider_outbox o
          WHERE o.tenant_id = s.tenant_id AND o.sent_at IS NULL AND o.kind IN ('subscription.mirror', 'subscription.changed'))`;
  }
}
