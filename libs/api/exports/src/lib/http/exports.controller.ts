import { Controller, Get, Logger, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Can, CurrentActor } from '@warbler/api/access';
import { PlatformAuditLog } from '@warbler/api/audit';
import type { Actor } from '@warbler/api/core';
import { contentType, ExportCatalog, type ExportRequest, fileExtension } from '../shared/export-catalog';
import { type ExportQueryString, formatOf, invoiceRequestOf, usageRequestOf } from '../shared/export-request';
import { ExportStreams } from '../shared/export-streams';
import { ExportJobFiles } from '../jobs/export-job-files';
import { sendStream } from './send-stream';

/**
 * Direct exports, streamed from PostgreSQL to the client as they are read, and the files of
 * finished export jobs. Every one is recorded in the platform audit log with its filter and the
 * rows sent, also when the client went away before the end.
 */
@Controller('v1/exports')
export class ExportsController {
  private readonly logger = new Logger(ExportsController.name);

  constructor(
    private readonly catalog: ExportCatalog,
    private readonly streams: ExportStreams,
    private readonly audit: PlatformAuditLog,
    private readonly files: ExportJobFiles,
  ) {}

  @Get('usage')
  @Can('create', 'Export')
  async usage(@CurrentActor() actor: Actor, @Query() query: ExportQueryString, @Res() response: Response) {
    const format = formatOf(query);
    await this.stream(actor, { kind: 'USAGE', request: usageRequestOf(query) }, format, response);
  }

  @Get('invoices')
  @Can('create', 'Export')
  async invoices(@CurrentActor() actor: Actor, @Query() query: ExportQueryString, @Res() response: Response) {
    const format = formatOf(query);
    await this.stream(actor, { kind: 'INVOICES', request: invoiceRequestOf(query) }, format, response);
  }

  @Get('jobs/:id/file')
  @Can('read', 'Export')
  async jobFile(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Res() response: Response,
  ): Promise<void> {
    const { job, readable } = await this.files.open(id);
    // The file is known whole, so the download is recorded before it is sent.
    await this.audit.record(actor, {
      action: 'export.job_downloaded',
      targetType: 'export_job',
      targetId: id,
      details: { rows: job.rows, bytes: job.bytes },
    });
    const sent = await sendStream(response, readable, () => {
      response.status(200);
      response.setHeader('Content-Type', contentType(job.format));
      response.setHeader('Content-Disposition', `attachment; filename="${job.downloadName}"`);
      response.setHeader('Content-Length', String(job.bytes));
      response.setHeader('Cache-Control', 'no-store');
    });
    if (sent) response.end();
  }

  private async stream(actor: Actor, asked: ExportRequest, format: 'CSV' | 'JSONL', response: Response) {
    const resolved = await this.catalog.resolve(asked);
    const started = new Date();
    const stream = await this.streams.open(resolved.query, format);
    const name = `${resolved.kind.toLowerCase()}-${started.toISOString().replace(/[:.]/g, '-')}.${fileExtension(format)}`;
    let completed = false;
    let failure: unknown = null;
    try {
      completed = await sendStream(response, stream.readable, () => {
        response.status(200);
        response.setHeader('Content-Type', contentType(format));
        response.setHeader('Content-Disposition', `attachment; filename="${name}"`);
        response.setHeader('Cache-Control', 'no-store');
      });
    } catch (error) {
      failure = error;
      this.logger.error(`${resolved.kind} export failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    // Recorded before the response ends: an export that cannot be recorded is not handed over whole.
    await this.audit
      .record(actor, {
        action: resolved.kind === 'USAGE' ? 'export.usage_streamed' : 'export.invoices_streamed',
        targetType: 'export',
        details: {
          format,
          filter: resolved.filter,
          rows: completed ? stream.rows() : stream.rowsSoFar(),
          completed,
          startedAt: started.toISOString(),
          ...(failure !== null && { failure: failure instanceof Error ? failure.message : String(failure) }),
        },
      })
      .catch((error: unknown) => {
        failure ??= error;
        completed = false;
      });
    if (failure !== null) {
      // Headers gone: cutting the connection is the only way left to say the file is incomplete.
      if (response.headersSent) response.destroy();
      else throw failure;
      return;
    }
    if (completed) response.end();
  }
}
