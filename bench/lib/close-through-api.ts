import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SubscriptionPeriods } from '@warbler/api/catalog';
import { loadConfig } from '@warbler/api/core';
import { createLogger, PinoNestLogger } from '@warbler/api/ops';
// The close runs in the API's own composition, with every module's period-end handlers registered.
import { AppModule } from '../../apps/api/src/app/app.module';
import { type ProfileShare, startCpuProfile } from './cpu-profile';
import { StatementClock, type StatementTimings } from './statement-clock';

export interface ApiClose {
  wallMs: number;
  /** What rollOverdue answered: subscriptions moved on. */
  rolled: number;
  statements: StatementTimings;
  /** User and system CPU time of this process while the job ran. */
  nodeCpuMs: number;
  profile: ProfileShare[] | null;
}

/**
 * Starts the API's application (AppModule, production settings, periodic jobs off so nothing runs
 * unasked) on `databaseUrl`, and times one call of the period-close job, SubscriptionPeriods#rollOverdue,
 * exactly as the scheduled job calls it. Every statement is timed on its way to PostgreSQL.
 */
export async function closeThroughTheApi(databaseUrl: string, now: Date, profileFile?: string): Promise<ApiClose> {
  Object.assign(process.env, {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    JWT_SECRET: 'bench-secret-that-is-long-enough-for-production',
    LOG_LEVEL: 'warn',
    JOBS_ENABLED: 'false',
  });
  const config = loadConfig();
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    logger: new PinoNestLogger(createLogger(config.logLevel)),
    bodyParser: false,
  });
  try {
    await app.init();
    const periods = app.get(SubscriptionPeriods);
    const stopProfile = profileFile ? await startCpuProfile() : null;
    const cpu = process.cpuUsage();
    const started = performance.now();
    const { result: rolled, timings } = await new StatementClock().measure(() => periods.rollOverdue(now));
    const wallMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const profile = stopProfile && profileFile ? await stopProfile(profileFile) : null;
    return { wallMs, rolled, statements: timings, nodeCpuMs: (used.user + used.system) / 1000, profile };
  } finally {
    await app.close();
  }
}
