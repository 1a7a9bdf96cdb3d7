import { Injectable, type OnModuleInit } from '@nestjs/common';
import { PeriodicJobs, PlatformDatabase } from '@warbler/api/core';
import { BillingSystemActor } from '../dunning/billing-system-actor';
import { CreditMovements } from './credit-movements';

const REQUEST_ID = 'job:credit-expiry';

/**
 * Every minute, across tenants: the rest of each grant past its expiry becomes an EXPIRED movement. The
 * job runs under a PeriodicJobs advisory lock (one instance at a time), and each grant is expired in a
 * transaction of its own that locks the grant and looks again, so even two overlapping runs expire a
 * grant once, and one failure holds up no other grant. Finalization never spends an expired grant in
 * the meantime: it checks the expiry itself.
 */
@Injectable()
export class CreditExpiryJob implements OnModuleInit {
  constructor(
    private readonly platform: PlatformDatabase,
    private readonly jobs: PeriodicJobs,
    private readonly movements: CreditMovements,
    private readonly system: BillingSystemActor,
  ) {}

  onModuleInit(): void {
    this.jobs.register({ name: 'credit-expiry', everyMs: 60_000, run: async () => void (await this.run()) });
  }

  /** One round at `now`; returns how many grants it expired. */
  async run(now = new Date()): Promise<number> {
    const due = await this.platform.client.$queryRaw<{ tenant_id: string; id: string }[]>`
      SELECT tenant_id, id FROM credit_grants
      WHERE remaining_minor > 0 AND expires_at IS NOT NULL AND expires_at <= ${now}
      ORDER BY expires_at, id`;
    let expired = 0;
    const failures: unknown[] = [];
    for (const grant of due) {
      try {
        const made = await this.platform.client.$transaction(async (tx) => {
          const movements = await this.movements.expire(tx, grant.tenant_id, grant.id, now, null);
          await this.movements.audited(tx, await this.system.in(grant.tenant_id, REQUEST_ID), movements);
          return movements.length;
        });
        expired += made > 0 ? 1 : 0;
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length > 0) {
      const [first] = failures;
      throw new Error(
        `credit expiry failed for ${failures.length} grant(s), e.g.: ${first instanceof Error ? first.message : String(first)}`,
        { cause: first },
      );
    }
    return expired;
  }
}
