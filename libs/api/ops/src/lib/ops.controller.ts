import { Controller, Get, Header, HttpCode, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Client } from 'pg';
import { Public } from '@warbler/api/access';
import { APP_CONFIG, type AppConfig, Database, Metrics, migrationStatus, readMigrations } from '@warbler/api/core';

/** Probes for orchestrators and the scrape endpoint for Prometheus. */
@Controller()
export class OpsController {
  constructor(
    private readonly db: Database,
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('healthz')
  @Public('liveness probe: says only that the process answers')
  @HttpCode(200)
  healthz() {
    return { status: 'ok' };
  }

  @Get('readyz')
  @Public('readiness probe for load balancers')
  async readyz(@Res() res: Response) {
    const checks: Record<string, string> = {};
    try {
      await this.db.ping();
      checks['database'] = 'ok';
    } catch {
      checks['database'] = 'unreachable';
    }
    checks['migrations'] = checks['database'] === 'ok' ? await this.migrationsApplied() : 'unknown';
    const ready = Object.values(checks).every((value) => value === 'ok');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', checks });
  }

  @Get('metrics')
  @Public('Prometheus scrape endpoint; expose it only on the internal network in production')
  @Header('Cache-Control', 'no-store')
  async scrape(@Res() res: Response) {
    res.setHeader('Content-Type', this.metrics.registry.contentType);
    res.send(await this.metrics.registry.metrics());
  }

  private migrationsOk = false;

  /**
   * The app role may read the bookkeeping table, so readiness needs no owner rights.
   * Applied migrations never un-apply, so once all are in the answer is kept.
   */
  private async migrationsApplied(): Promise<string> {
    if (this.migrationsOk) return 'ok';
    const client = new Client({ connectionString: this.config.appDatabaseUrl, connectionTimeoutMillis: 2_000 });
    try {
      await client.connect();
      const status = await migrationStatus(client, readMigrations(this.config.migrationsDir));
      if (status.pending.length) return `pending: ${status.pending.join(', ')}`;
      if (status.failed.length || status.modified.length) return 'failed';
      this.migrationsOk = true;
      return 'ok';
    } catch {
      return 'unknown';
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}
