import { Injectable, Logger } from '@nestjs/common';
import { type ApiKeyCaller, type ApiKeyScope, Database, DomainError, unauthenticated } from '@warbler/api/core';
import { ApiKeyCache } from './api-key-cache';
import { apiKeyMatches, parseApiKey } from './api-key-secrets';
import { clientIp, type WarblerRequest } from './request';

/** How often a key's last_used_at is written at most, per process: it is a hint, not a log. */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Authenticates a tenant's software by its API key (`Authorization: Bearer wbk_...`).
 * The stored key comes from ApiKeyCache, so the secret and the expiry are checked on every
 * call against a row that may be read a while ago: a key revoked through ApiKeysService is
 * refused at once by the instance that revoked it, and any other change to a key or to its
 * tenant's status as soon as its change notice arrives (milliseconds).
 */
@Injectable()
export class ApiKeyAuthenticator {
  private readonly logger = new Logger('ApiKeyAuthenticator');
  private readonly lastUsedWritten = new Map<string, number>();

  constructor(
    private readonly db: Database,
    private readonly keys: ApiKeyCache,
  ) {}

  async authenticate(req: WarblerRequest, scope: ApiKeyScope): Promise<ApiKeyCaller> {
    const header = req.headers.authorization;
    // Authentication schemes are case-insensitive (RFC 9110).
    if (!header || !/^bearer /i.test(header)) {
      throw unauthenticated('Send a tenant API key as "Authorization: Bearer wbk_..."', 'API_KEY_MISSING');
    }
    const key = header.slice('Bearer '.length).trim();
    const parsed = parseApiKey(key);
    if (!parsed) throw unauthenticated('This is not a Warbler API key', 'API_KEY_INVALID');

    const stored = await this.keys.lookup(parsed.prefix);
    if (!stored || !apiKeyMatches(key, stored.key_hash)) {
      throw unauthenticated('This API key is not valid', 'API_KEY_INVALID');
    }
    if (stored.revoked_at) {
      throw unauthenticated(`API key ${parsed.prefix} was revoked; create a new key`, 'API_KEY_REVOKED');
    }
    if (stored.expires_at && stored.expires_at <= new Date()) {
      throw unauthenticated(
        `API key ${parsed.prefix} expired on ${stored.expires_at.toISOString()}; create a new key`,
        'API_KEY_EXPIRED',
      );
    }
    if (stored.tenant_status !== 'ACTIVE') {
      throw new DomainError('FORBIDDEN', 'This tenant is suspended', 'TENANT_SUSPENDED');
    }
    if (!stored.scopes.includes(scope)) {
      throw new DomainError('FORBIDDEN', `API key ${parsed.prefix} lacks the ${scope} scope`, 'API_KEY_SCOPE');
    }

    const caller: ApiKeyCaller = {
      tenantId: stored.tenant_id,
      apiKeyId: stored.id,
      prefix: parsed.prefix,
      scopes: stored.scopes,
      requestId: req.requestId,
      ip: clientIp(req),
    };
    await this.touch(caller);
    return caller;
  }

  /** last_used_at is a hint for the console: a failure to write it never fails the call. */
  private async touch(caller: ApiKeyCaller): Promise<void> {
    const now = Date.now();
    if (now - (this.lastUsedWritten.get(caller.apiKeyId) ?? 0) < LAST_USED_RESOLUTION_MS) return;
    // Taken before the write, so the calls that arrive while it runs skip it: on a key used a
    // thousand times a second they would otherwise queue on the row's lock and on the pool.
    this.lastUsedWritten.set(caller.apiKeyId, now);
    try {
      await this.db.forTenant(caller).apiKey.update({
        where: { tenantId_id: { tenantId: caller.tenantId, id: caller.apiKeyId } },
        data: { lastUsedAt: new Date(now) },
      });
    } catch (error) {
      this.lastUsedWritten.delete(caller.apiKeyId);
      this.logger.warn(`could not record the use of API key ${caller.prefix}: ${(error as Error).message}`);
    }
  }
}
