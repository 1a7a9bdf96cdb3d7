import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, type ApiKeyScope, Database } from '@warbler/api/core';

/** A key as `app_api_key_by_prefix` returns it. */
export interface StoredApiKey {
  tenant_id: string;
  id: string;
  key_hash: string;
  scopes: ApiKeyScope[];
  expires_at: Date | null;
  revoked_at: Date | null;
  tenant_status: 'ACTIVE' | 'SUSPENDED';
}

/** Where the triggers of migration 20261125000000_api_key_change_notices send their notices. */
const CHANNEL = 'warbler_api_key_changes';
const TENANT_NOTICE = 'tenant:';
/** A bound on staleness should a notice ever be lost without the connection failing. */
const TTL_MS = 60_000;
const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;

interface Entry {
  key: StoredApiKey;
  readAt: number;
}

/**
 * Stored API keys by prefix, so that a tenant's quota check costs one round trip instead
 * of two. A key is kept for a minute at most, and only while this process LISTENs for the
 * notices that every change to a key or to a tenant's status sends, whichever instance or
 * connection makes it: a notice drops the key (or all of the tenant's keys) milliseconds
 * after the commit. While the listener is down nothing is kept and every lookup goes to
 * the database, until LISTEN is in effect again.
 */
@Injectable()
export class ApiKeyCache implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('ApiKeyCache');
  /** In order of reading, so that the stale ones are at the front. */
  private readonly entries = new Map<string, Entry>();
  private readonly reading = new Map<string, Promise<StoredApiKey | undefined>>();
  /**
   * Bumped by every invalidation: a lookup stores its row only if none happened since it
   * started, else it could put back a row that a notice has just dropped.
   */
  private generation = 0;
  private listening = false;
  private stopped = false;
  private unlisten?: () => Promise<void>;
  private retryMs = FIRST_RETRY_MS;
  private retryTimer?: NodeJS.Timeout;

  constructor(
    private readonly db: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Waits for the first LISTEN, so that an instance caches from its first request; a failure only delays caching. */
  async onModuleInit(): Promise<void> {
    if (this.config.apiKeyCache) await this.listen();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.stopCaching();
    await this.unlisten?.();
  }

  async lookup(prefix: string): Promise<StoredApiKey | undefined> {
    const entry = this.entries.get(prefix);
    if (entry && Date.now() - entry.readAt < TTL_MS) return entry.key;
    // One read per key at a time: when a busy key's entry expires, the calls arriving meanwhile
    // join that read instead of each queuing one on the pool.
    const pending = this.reading.get(prefix);
    if (pending) return pending;
    const read = this.read(prefix).finally(() => {
      if (this.reading.get(prefix) === read) this.reading.delete(prefix);
    });
    this.reading.set(prefix, read);
    return read;
  }

  private async read(prefix: string): Promise<StoredApiKey | undefined> {
    const generation = this.generation;
    const [key] = await this.db.machineQuery<StoredApiKey>('SELECT * FROM app_api_key_by_prefix($1)', [prefix]);
    // Only keys that exist: made-up prefixes always reach the database, so they cannot fill memory.
    if (key && this.listening && generation === this.generation) this.store(prefix, key);
    return key;
  }

  /** For the writes of this process, which need not wait for their own notice. */
  forget(prefix: string): void {
    this.generation++;
    this.entries.delete(prefix);
    // A read begun before the change may return the old row: later calls must not join it.
    this.reading.delete(prefix);
  }

  private forgetTenant(tenantId: string): void {
    this.generation++;
    this.reading.clear();
    for (const [prefix, entry] of this.entries) {
      if (entry.key.tenant_id === tenantId) this.entries.delete(prefix);
    }
  }

  private store(prefix: string, key: StoredApiKey): void {
    const now = Date.now();
    this.entries.delete(prefix);
    this.entries.set(prefix, { key, readAt: now });
    for (const [stale, entry] of this.entries) {
      if (now - entry.readAt < TTL_MS) break;
      this.entries.delete(stale);
    }
  }

  private onNotice(payload: string): void {
    if (payload.startsWith(TENANT_NOTICE)) this.forgetTenant(payload.slice(TENANT_NOTICE.length));
    else this.forget(payload);
  }

  private stopCaching(): void {
    this.listening = false;
    this.generation++;
    this.entries.clear();
    this.reading.clear();
  }

  private async listen(): Promise<void> {
    try {
      const unlisten = await this.db.listen(
        CHANNEL,
        (payload) => this.onNotice(payload),
        (error) => this.onLost(error),
      );
      if (this.stopped) {
        await unlisten();
        return;
      }
      this.unlisten = unlisten;
      // Rows read before LISTEN took effect may have missed their notice.
      this.generation++;
      this.listening = true;
      this.retryMs = FIRST_RETRY_MS;
    } catch (error) {
      this.logger.warn(`cannot listen for API key changes, not caching keys: ${(error as Error).message}`);
      this.retryLater();
    }
  }

  private onLost(error: Error): void {
    this.stopCaching();
    this.unlisten = undefined;
    this.logger.warn(`lost the API key change notices, not caching keys until they resume: ${error.message}`);
    this.retryLater();
  }

  private retryLater(): void {
    if (this.stopped) return;
    this.retryTimer = setTimeout(() => void this.listen(), this.retryMs).unref();
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
  }
}
