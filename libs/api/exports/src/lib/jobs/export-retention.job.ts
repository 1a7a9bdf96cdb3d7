import { Injectable, type OnModuleInit } from '@nestjs/common';
import { PeriodicJobs, PlatformDatabase } from '@warbler/api/core';
import { ExportJobFiles } from './export-job-files';

/** A running job that has not written its progress for this long lost its API instance. */
export const STALE_AFTER_MS = 5 * 60_000;

/**
 * Deletes export jobs past their expiry together with their files, and fails the jobs whose
 * instance stopped while running them (their progress stopped moving), removing the partial file.
 */
@Injectable()
export class ExportRetention implements OnModuleInit {
  static readonly jobName = 'export-retention';

  constructor(
    private readonly jobs: PeriodicJobs,
    private readonly platform: PlatformDatabase,
    private readonly files: ExportJobFiles,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: ExportRetention.jobName,
      everyMs: 15 * 60_000,
      run: () => this.sweep().then(() => undefined),
    });
  }

  async sweep(now = new Date()): Promise<{ deleted: number; abandoned: number }> {
    const client = this.platform.client;
    const expired = await client.exportJob.findMany({
      where: { expiresAt: { lte: now } },
      select: { id: true, format: true },
    });
    for (const job of expired) {
      // The file first: a row without a file is harmless, a file without a row would never be swept.
      await this.files.remove(this.files.fileName(job.id, job.format));
      await client.exportJob.delete({ where: { id: job.id } });
    }
    const stale = await client.exportJob.findMany({
      where: { status: { in: ['QUEUED', 'RUNNING'] }, updatedAt: { lt: new Date(now.getTime() - STALE_AFTER_MS) } },
      select: { id: true, format: true },
    });
    for (const job of stale) {
      await this.files.remove(this.files.fileName(job.id, job.format));
      await client.exportJob.updateMany({
        where: { id: job.id, status: { in: ['QUEUED', 'RUNNING'] } },
        data: {
          status: 'FAILED',
          error: 'The API instance running this export stopped before it finished; create the export again',
          finishedAt: now,
          updatedAt: now,
        },
      });
    }
    return { deleted: expired.length, abandoned: stale.length };
  }
}
