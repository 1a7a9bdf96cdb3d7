import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Database, PeriodicJobs, PlatformDatabase } from '@warbler/api/core';
import { SupportSessionEnds } from './support-session-ends';

/** How the job names itself where a request would give its id, e.g. in the audit log. */
const JOB_REQUEST = { requestId: 'job:support-session-expiry', ip: null };

/**
 * Writes down, within a minute, the end of every support session whose time box ran out or whose
 * engineer signed out, with its audit event, so that the tenant's audit log shows the end when it
 * happened rather than the next time someone looks. The session itself stopped working at that
 * moment already: the actor resolver refuses it on every request.
 */
@Injectable()
export class SupportSessionExpiry implements OnModuleInit {
  constructor(
    private readonly platform: PlatformDatabase,
    private readonly db: Database,
    private readonly ends: SupportSessionEnds,
    private readonly jobs: PeriodicJobs,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: 'support-session-expiry',
      everyMs: 60_000,
      run: async () => {
        await this.settleAll(new Date());
      },
    });
  }

  /** Settles the sessions of every tenant that has one past its end by `now`; returns those tenants. */
  async settleAll(now: Date): Promise<string[]> {
    const due = await this.platform.client.$queryRaw<{ tenant_id: string }[]>`
      SELECT DISTINCT s.tenant_id::text
      FROM support_sessions s
      LEFT JOIN sessions signin ON signin.id = s.staff_session_id
      WHERE s.status <> 'ENDED'
        AND (s.expires_at <= ${now} OR signin.id IS NULL OR signin.revoked_at IS NOT NULL OR signin.expires_at <= ${now})`;
    for (const { tenant_id: tenantId } of due) {
      await this.db.forTenant({ tenantId }).transaction((tx) => this.ends.settle(tx, tenantId, JOB_REQUEST));
    }
    return due.map((row) => row.tenant_id);
  }
}
