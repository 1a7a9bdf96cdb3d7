import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, PeriodicJobs, PlatformDatabase, type Prisma } from '@warbler/api/core';
import { PAYMENT_OVERDUE } from './dunning-audit';
import { PastDue } from './past-due';

const DAY_MS = 24 * 60 * 60 * 1000;
const REQUEST_ID = 'job:dunning';

export interface DunningRun {
  pastDue: number;
  settled: number;
  suspended: number;
}

/**
 * Dunning, for both providers, every five minutes across tenants: a subscription with an open invoice
 * past its due date becomes past due (from the oldest such due date); one that owes nothing from
 * before its past-due date any more is cleared, its tenant reactivated if it was suspended for
 * non-payment; one past due for longer than BILLING_GRACE_DAYS gets its tenant suspended. Each tenant
 * is decided in a transaction of its own, so one failure holds up no other; the round then throws,
 * naming how many failed.
 */
@Injectable()
export class DunningJob implements OnModuleInit {
  constructor(
    private readonly platform: PlatformDatabase,
    private readonly jobs: PeriodicJobs,
    private readonly pastDue: PastDue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.register({ name: 'dunning', everyMs: 5 * 60_000, run: async () => void (await this.run()) });
  }

  /** One round at `now` (for one tenant only, if given); returns what changed. */
  async run(now = new Date(), tenantId?: string): Promise<DunningRun> {
    const only = tenantId ?? null;
    const db = this.platform.client;
    const overdue = await db.$queryRaw<{ tenant_id: string; since: Date }[]>`
      SELECT i.tenant_id, min(i.due_at) AS since
      FROM invoices i JOIN subscriptions s ON s.tenant_id = i.tenant_id
      WHERE i.status = 'OPEN' AND i.due_at < ${now} AND s.past_due_since IS NULL
        AND (${only}::uuid IS NULL OR i.tenant_id = ${only}::uuid)
      GROUP BY i.tenant_id`;
    const owing = await db.$queryRaw<{ tenant_id: string }[]>`
      SELECT s.tenant_id FROM subscriptions s JOIN tenants t ON t.id = s.tenant_id
      WHERE (s.past_due_since IS NOT NULL OR (t.status = 'SUSPENDED' AND t.suspension_reason = ${PAYMENT_OVERDUE}))
        AND (${only}::uuid IS NULL OR s.tenant_id = ${only}::uuid)`;
    const graceEnd = new Date(now.getTime() - this.config.billingGraceDays * DAY_MS);
    const run: DunningRun = { pastDue: 0, settled: 0, suspended: 0 };
    const failures: unknown[] = [];
    const each = async (work: (tx: Prisma.TransactionClient) => Promise<boolean>) => {
      try {
        return await db.$transaction(work);
      } catch (error) {
        failures.push(error);
        return false;
      }
    };

    for (const { tenant_id, since } of overdue) {
      if (await each((tx) => this.pastDue.mark(tx, tenant_id, since, 'INVOICE_OVERDUE', REQUEST_ID))) {
        run.pastDue += 1;
      }
    }
    for (const { tenant_id } of owing) {
      if (await each((tx) => this.pastDue.settle(tx, tenant_id, now, REQUEST_ID))) run.settled += 1;
    }
    const expired = await db.subscription.findMany({
      where: { pastDueSince: { lte: graceEnd }, tenant: { status: 'ACTIVE' }, ...(tenantId && { tenantId }) },
      select: { tenantId: true },
    });
    for (const { tenantId: id } of expired) {
      if (await each((tx) => this.pastDue.suspendIfGraceOver(tx, id, graceEnd, now, REQUEST_ID))) run.suspended += 1;
    }
    if (failures.length > 0) {
      const [first] = failures;
      throw new Error(
        `dunning failed for ${failures.length} tenant(s), e.g.: ${first instanceof Error ? first.message : String(first)}`,
        { cause: first },
      );
    }
    return run;
  }
}
