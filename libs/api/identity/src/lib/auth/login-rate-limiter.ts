import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Pool } from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { AccessTokens } from '@warbler/api/access';
import { APP_CONFIG, type AppConfig, DomainError } from '@warbler/api/core';

/** Who a failed sign-in is counted against: the account tried, and where it came from. */
export interface LoginAttempt {
  email: string;
  ip: string | null;
}

/**
 * Counts failed sign-ins per e-mail (slows guessing one account's password) and per IP
 * (slows trying one password on many accounts), in PostgreSQL so that every API
 * instance sees the same counts. Failures only: a user who signs in is never slowed.
 */
@Injectable()
export class LoginRateLimiter implements OnModuleDestroy {
  private readonly logger = new Logger(LoginRateLimiter.name);
  private readonly pool: Pool;
  private readonly byEmail: RateLimiterPostgres;
  private readonly byIp: RateLimiterPostgres;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tokens: AccessTokens,
  ) {
    this.pool = new Pool({ connectionString: config.appDatabaseUrl, max: 2, application_name: 'warbler-rate-limit' });
    // An idle connection dropped by the server must not crash the process.
    this.pool.on('error', (error) => this.logger.warn(`Rate-limit pool: ${error.message}`));
    const common = {
      storeClient: this.pool,
      storeType: 'pool',
      tableName: 'rate_limits',
      tableCreated: true,
      points: config.loginAttemptsPerWindow,
      duration: config.loginWindowSeconds,
    };
    // Both limiters share the table, so one sweeper of expired rows is enough.
    this.byEmail = new RateLimiterPostgres({ ...common, keyPrefix: 'login-email' });
    this.byIp = new RateLimiterPostgres({ ...common, keyPrefix: 'login-ip', clearExpiredByTimeout: false });
  }

  /** Throws RATE_LIMITED while either counter has used up its attempts. */
  async assertAllowed(attempt: LoginAttempt): Promise<void> {
    const counts = await Promise.all(this.keys(attempt).map(([limiter, key]) => limiter.get(key)));
    const blocked = counts.filter(
      (count): count is RateLimiterRes => count !== null && count.consumedPoints >= this.config.loginAttemptsPerWindow,
    );
    if (blocked.length > 0) throw this.tooMany(Math.max(...blocked.map((count) => count.msBeforeNext)));
  }

  /** Counts a failure; throws RATE_LIMITED when concurrent failures went past the limit. */
  async recordFailure(attempt: LoginAttempt): Promise<void> {
    const results = await Promise.allSettled(this.keys(attempt).map(([limiter, key]) => limiter.consume(key)));
    let waitMs = 0;
    for (const result of results) {
      if (result.status === 'fulfilled') continue;
      // The limiter rejects with its result when out of points, with an Error when the store fails.
      if (!(result.reason instanceof RateLimiterRes)) throw result.reason;
      waitMs = Math.max(waitMs, result.reason.msBeforeNext);
    }
    if (waitMs > 0) throw this.tooMany(waitMs);
  }

  /** A successful sign-in forgets the account's failures (not the IP's: others may share it). */
  async reset(email: string): Promise<void> {
    await this.byEmail.delete(this.emailKey(email));
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.end();
  }

  private keys({ email, ip }: LoginAttempt): [RateLimiterPostgres, string][] {
    const keys: [RateLimiterPostgres, string][] = [[this.byEmail, this.emailKey(email)]];
    if (ip) keys.push([this.byIp, ip]);
    return keys;
  }

  /** Keyed hash: the table then holds no e-mail addresses, and keys fit its varchar(255). */
  private emailKey(email: string): string {
    return this.tokens.digest(`login:${email}`);
  }

  private tooMany(waitMs: number): DomainError {
    const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
    const minutes = Math.ceil(retryAfterSeconds / 60);
    return new DomainError(
      'RATE_LIMITED',
      `Too many sign-in attempts; try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`,
      undefined,
      { retryAfterSeconds },
    );
  }
}
