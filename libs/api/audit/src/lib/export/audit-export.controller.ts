import { Controller, Get, Logger, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Can, CurrentActor } from '@warbler/api/access';
import { type Actor, Database } from '@warbler/api/core';
import { eventsOldestFirst } from '../chain/events-oldest-first';
import { exportLine } from './export-line';
import { writeLine } from './write-line';

/** The tenant's whole log as JSON lines, oldest first, for verification on its own machines. */
@Controller('v1/audit')
export class AuditExportController {
  private readonly logger = new Logger(AuditExportController.name);

  constructor(private readonly db: Database) {}

  @Get('export')
  @Can('export', 'AuditLog')
  async export(@CurrentActor() actor: Actor, @Res() response: Response): Promise<void> {
    const events = eventsOldestFirst(this.db.forTenant(actor));
    // Read the first page before answering, so an early failure still gets a proper error.
    const first = await events.next();
    response.status(200);
    response.type('application/x-ndjson');
    response.setHeader('Content-Disposition', `attachment; filename="audit-${actor.tenantId}.jsonl"`);
    response.setHeader('Cache-Control', 'no-store');
    try {
      if (!first.done && !(await writeLine(response, exportLine(first.value)))) return;
      for await (const event of events) {
        if (!(await writeLine(response, exportLine(event)))) return;
      }
      response.end();
    } catch (error) {
      // The status line is gone; cutting the stream is the only way to say it is incomplete.
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      response.destroy(error instanceof Error ? error : undefined);
    }
  }
}
