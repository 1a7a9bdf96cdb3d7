import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Database, PeriodicJobs } from '@warbler/api/core';

/**
 * Keeps monthly usage_events partitions three months ahead, so an event never arrives
 * for a month without one (the insert would fail).
 */
@Injectable()
export class UsagePartitions implements OnModuleInit {
  static readonly jobName = 'usage-partitions';

  constructor(
    private readonly jobs: PeriodicJobs,
    private readonly db: Database,
  ) {}

  onModuleInit(): void {
    this.jobs.register({ name: UsagePartitions.jobName, everyMs: 6 * 3600_000, run: () => this.ensureAhead() });
  }

  async ensureAhead(): Promise<void> {
    await this.db.identity.$queryRaw`SELECT app_ensure_usage_event_partitions(date_trunc('month', now())::date, 3)`;
  }
}
