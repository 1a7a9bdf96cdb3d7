import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { isDeepStrictEqual } from 'node:util';
import { PlatformAuditLog } from '@warbler/api/audit';
import {
  type Actor,
  APP_CONFIG,
  type AppConfig,
  conflict,
  type ExportJobModel,
  notFound,
  PlatformDatabase,
  type Prisma,
} from '@warbler/api/core';
import { ExportCatalog, type ExportRequest } from '../shared/export-catalog';
import { ExportStreams } from '../shared/export-streams';
import { ExportJobFiles } from './export-job-files';

/** How often a running job writes its progress (and proves it is alive). */
const PROGRESS_EVERY_MS = 1_000;

export interface CreateExportJob {
  export: ExportRequest;
  format: 'CSV' | 'JSONL';
  idempotencyKey: string;
}

/**
 * Long exports: a job row, then the export written to a file in the background of the API
 * instance that took the request, with its progress in the row; the file is downloaded later
 * and deleted with the job when it expires (EXPORT_RETENTION_HOURS).
 */
@Injectable()
export class ExportJobs implements OnApplicationShutdown {
  private readonly logger = new Logger(ExportJobs.name);
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly platform: PlatformDatabase,
    private readonly catalog: ExportCatalog,
    private readonly streams: ExportStreams,
    private readonly files: ExportJobFiles,
    private readonly audit: PlatformAuditLog,
  ) {}

  /**
   * Creates the job and starts it. The same idempotency key from the same person answers the
   * job it made before (running, finished or failed); with another filter it is a CONFLICT.
   */
  async create(actor: Actor, command: CreateExportJob): Promise<ExportJobModel> {
    const resolved = await this.catalog.resolve(command.export);
    const filter = JSON.parse(JSON.stringify(resolved.filter)) as Prisma.InputJsonObject;
    const key = { requestedByUserId: actor.userId, idempotencyKey: command.idempotencyKey };
    const existing = await this.platform.client.exportJob.findUnique({
      where: { requestedByUserId_idempotencyKey: key },
    });
    if (existing) return this.sameOrConflict(existing, resolved.kind, command.format, filter);

    const job = await this.platform.client.$transaction(async (tx) => {
      const created = await tx.exportJob.createManyAndReturn({
        data: [
          {
            id: randomUUID(),
            kind: resolved.kind,
            format: command.format,
            filter,
            ...key,
            expiresAt: new Date(Date.now() + this.config.exportRetentionHours * 3_600_000),
          },
        ],
        skipDuplicates: true,
      });
      if (created.length === 0) return null;
      await this.audit.record(
        actor,
        {
          action: 'export.job_created',
          targetType: 'export_job',
          targetId: created[0].id,
          details: { kind: resolved.kind, format: command.format, filter },
        },
        tx,
      );
      return created[0];
    });
    if (!job) {
      // A concurrent retry with the same key won the insert: answer its job.
      const winner = await this.platform.client.exportJob.findUniqueOrThrow({
        where: { requestedByUserId_idempotencyKey: key },
      });
      return this.sameOrConflict(winner, resolved.kind, command.format, filter);
    }
    this.start(actor, job);
    return job;
  }

  /** Newest first, everyone's: finance works as one desk. */
  list(first: number): Promise<ExportJobModel[]> {
    return this.platform.client.exportJob.findMany({
      where: { expiresAt: { gt: new Date() } },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: first,
    });
  }

  async get(id: string): Promise<ExportJobModel> {
    const job = await this.platform.client.exportJob.findUnique({ where: { id } });
    if (!job || job.expiresAt <= new Date()) throw notFound('Export job');
    return job;
  }

  /** Resolves once every job this instance started has finished (tests; shutdown). */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()]);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.settled();
  }

  private sameOrConflict(
    job: ExportJobModel,
    kind: string,
    format: string,
    filter: Prisma.InputJsonObject,
  ): ExportJobModel {
    if (job.kind !== kind || job.format !== format || !isDeepStrictEqual(job.filter, filter)) {
      throw conflict(
        'This idempotency key was used for an export with another filter; use a new key for a new export',
        'IDEMPOTENCY_KEY_REUSED',
      );
    }
    return job;
  }

  private start(actor: Actor, job: ExportJobModel): void {
    const run = this.run(actor, job)
      .catch((error: unknown) =>
        this.logger.error(`Export job ${job.id}: ${error instanceof Error ? (error.stack ?? error.message) : error}`),
      )
      .finally(() => this.running.delete(job.id));
    this.running.set(job.id, run);
  }

  private async run(actor: Actor, job: ExportJobModel): Promise<void> {
    const jobs = this.platform.client.exportJob;
    const claimed = await jobs.updateMany({
      where: { id: job.id, status: 'QUEUED' },
      data: { status: 'RUNNING', startedAt: new Date(), updatedAt: new Date() },
    });
    if (claimed.count === 0) return;
    const fileName = this.files.fileName(job.id, job.format);
    const partPath = this.files.pathOf(`${fileName}.part`);
    let rows = 0;
    try {
      const query = this.catalog.queryOf(job.kind, job.filter);
      const totalRows = await this.streams.count(query);
      await jobs.update({ where: { id: job.id }, data: { totalRows: BigInt(totalRows), updatedAt: new Date() } });
      await this.files.ensureDirectory();
      const stream = await this.streams.open(query, job.format);
      const output = createWriteStream(partPath);
      const progress = setInterval(() => {
        void jobs
          .update({
            where: { id: job.id },
            data: {
              rowsWritten: BigInt(stream.rowsSoFar()),
              bytesWritten: BigInt(output.bytesWritten),
              updatedAt: new Date(),
            },
          })
          .catch(() => undefined);
      }, PROGRESS_EVERY_MS);
      try {
        await pipeline(stream.readable, output);
      } finally {
        clearInterval(progress);
      }
      rows = stream.rows();
      await rename(partPath, this.files.pathOf(fileName));
      await this.platform.client.$transaction(async (tx) => {
        await tx.exportJob.update({
          where: { id: job.id },
          data: {
            status: 'SUCCEEDED',
            fileName,
            rowsWritten: BigInt(rows),
            totalRows: BigInt(rows),
            bytesWritten: BigInt(output.bytesWritten),
            finishedAt: new Date(),
            updatedAt: new Date(),
          },
        });
        await this.audit.record(
          actor,
          {
            action: 'export.job_succeeded',
            targetType: 'export_job',
            targetId: job.id,
            details: { kind: job.kind, format: job.format, filter: job.filter, rows },
          },
          tx,
        );
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      // The job is failed whatever happens to the partial file; the retention sweep tries again.
      await this.files
        .remove(fileName)
        .catch((removal: unknown) =>
          this.logger.warn(`Export job ${job.id}: partial file not removed: ${String(removal)}`),
        );
      await this.platform.client.$transaction(async (tx) => {
        await tx.exportJob.update({
          where: { id: job.id },
          data: { status: 'FAILED', error: reason, finishedAt: new Date(), updatedAt: new Date() },
        });
        await this.audit.record(
          actor,
          {
            action: 'export.job_failed',
            targetType: 'export_job',
            targetId: job.id,
            details: { kind: job.kind, format: job.format, filter: job.filter, rows, error: reason },
          },
          tx,
        );
      });
    }
  }
}
