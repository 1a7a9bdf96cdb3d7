import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Database } from '../database/database';
import { Metrics } from '../metrics/metrics';

export interface PeriodicJob {
  /** Stable name: it keys the advisory lock and the logs. */
  name: string;
  everyMs: number;
  run(): Promise<void>;
}

/** The advisory lock of one job name, the same number in every instance. */
function lockKey(name: string): bigint {
  return createHash('sha256').update(`warbler-job:${name}`).digest().readBigInt64BE(0);
}

/**
 * Background maintenance that must run on a schedule but at most once at a time across
 * every API instance (partitions ahead, periods rolling over). Each run holds a session
 * advisory lock on a connection of its own for as long as it runs, however long that is (a
 * transaction-scoped lock would end with a transaction timeout while the run goes on), so an
 * instance that finds it taken skips that round, and a crashed run releases it with its
 * connection. Disabled with JOBS_ENABLED=false
 * (and in tests, which call `runNow`).
 */
@Injectable()
export class PeriodicJobs implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('PeriodicJobs');
  private readonly jobs = new Map<string, PeriodicJob>();
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly db: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {}

  register(job: PeriodicJob): void {
    if (this.jobs.has(job.name)) throw new Error(`Job ${job.name} is registered twice`);
    this.jobs.set(job.name, job);
  }

  /** Runs the job now unless another instance is running it; true when it ran. */
  async runNow(name: string): Promise<boolean> {
    const job = this.jobs.get(name);
    if (!job) throw new Error(`No job named ${name}`);
    const labels = { job_name: name };
    try {
      const ran = await this.db.whileHoldingAdvisoryLock(lockKey(name), () => job.run());
      this.metrics.jobRuns.inc({ ...labels, outcome: ran ? 'ok' : 'skipped' });
      if (ran) this.metrics.jobLastSuccess.set(labels, Date.now() / 1000);
      return ran;
    } catch (error) {
      this.metrics.jobRuns.inc({ ...labels, outcome: 'failed' });
      throw error;
    }
  }

  onApplicationBootstrap(): void {
    if (!this.config.jobsEnabled) return;
    for (const job of this.jobs.values()) {
      let dueAt = Date.now();
      const tick = () => {
        // A blocked event loop or a round that overran its interval shows as lag.
        this.metrics.jobLag.set({ job_name: job.name }, Math.max(0, Date.now() - dueAt) / 1000);
        dueAt = Date.now() + job.everyMs;
        return this.runNow(job.name).catch((error: unknown) =>
          this.logger.error(`${job.name} failed: ${error instanceof Error ? error.message : String(error)}`),
        );
      };
      void tick();
      const timer = setInterval(tick, job.everyMs);
      timer.unref();
      this.timers.push(timer);
    }
  }

  onApplicationShutdown(): void {
    for (const timer of this.timers) clearInterval(timer);
  }
}
