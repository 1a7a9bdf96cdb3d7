import { Inject, Injectable } from '@nestjs/common';
import { createReadStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { APP_CONFIG, type AppConfig, DomainError, notFound, PlatformDatabase } from '@warbler/api/core';
import { fileExtension } from '../shared/export-catalog';

export interface ExportFile {
  format: 'CSV' | 'JSONL';
  downloadName: string;
  bytes: number;
  rows: number;
}

/**
 * Where export jobs keep their files: EXPORT_STORAGE_DIR/<job id>.<csv|jsonl>, written as
 * `.part` first and renamed when complete, so a file that exists under its final name is whole.
 */
@Injectable()
export class ExportJobFiles {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly platform: PlatformDatabase,
  ) {}

  get directory(): string {
    return this.config.exportStorageDir;
  }

  async ensureDirectory(): Promise<void> {
    await mkdir(this.directory, { recursive: true });
  }

  fileName(jobId: string, format: 'CSV' | 'JSONL'): string {
    return `${jobId}.${fileExtension(format)}`;
  }

  pathOf(fileName: string): string {
    return join(this.directory, fileName);
  }

  /** Removes a job's file and any unfinished part of it; a missing file is not an error. */
  async remove(fileName: string): Promise<void> {
    await rm(this.pathOf(fileName), { force: true });
    await rm(this.pathOf(`${fileName}.part`), { force: true });
  }

  /** A finished, unexpired job's file, ready to stream. */
  async open(jobId: string): Promise<{ job: ExportFile; readable: Readable }> {
    const job = await this.platform.client.exportJob.findUnique({ where: { id: jobId } });
    if (!job || job.expiresAt <= new Date()) throw notFound('Export job');
    if (job.status !== 'SUCCEEDED' || !job.fileName) {
      throw new DomainError(
        'CONFLICT',
        `Export job is ${job.status.toLowerCase()}: its file is not ready`,
        'EXPORT_NOT_READY',
      );
    }
    const path = this.pathOf(job.fileName);
    const bytes = await stat(path).then(
      (info) => info.size,
      () => {
        throw notFound('Export file');
      },
    );
    const stamp = job.createdAt.toISOString().replace(/[:.]/g, '-');
    return {
      job: {
        format: job.format,
        downloadName: `${job.kind.toLowerCase()}-${stamp}.${fileExtension(job.format)}`,
        bytes,
        rows: Number(job.rowsWritten),
      },
      readable: createReadStream(path, { highWaterMark: 64 * 1024 }),
    };
  }
}
