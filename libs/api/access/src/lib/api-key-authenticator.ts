import { Injectable, Logger } from '@nestjs/common';
import { type ApiKeyCaller, type ApiKeyScope, Database, DomainError, unauthenticated } from '@warbler/api/core';
import { apiKeyMatches, parseApiKey } from './api-key-secrets';
import { clientIp, type WarblerRequest } from './request';

interface StoredKey {
  tenant_id: string;
  id: string;
  key_hash: string;
  scopes: ApiKeyScope[];
  expires_at: Date | null;
  revoked_at: Date | null;
  tenant_status: 'ACTIVE' | 'SUSPENDED';
}

/** How often a key's last_used_at is written at most, per process: it is a hint, not a log. */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Authenticates a tenant's software by its API key (`Authorization: Bearer wbk_...`).
 * Each call looks the key up afresh, so a revoked or expired key is refused at once.
 */
@Injectable()
export class ApiKeyAuthenticator {
  private readonly logger = new Logger('ApiKeyAuthenticator');
  private readonly lastUsedWritten = new Map<string, number>();

  constructor(private readonly db: Database) {}

  async authenticate(req: WarblerRequest, scope: ApiKeyScope): Promise<ApiKeyCaller> {
    const header = req.headers.authorization;
    // Authentication schemes are case-insensitive (RFC 9110).
    if (!header || !/^bearer /i.test(header)) {
      throw unauthenticated('Send a tenant API key as "Authorization: Bearer wbk_..."', 'API_KEY_MISSING');
    }
    const key = header.slice('Bearer '.length).trim();
    const parsed = parseApiKey(key);
    if (!parsed) throw unauthenticated('This is not a Warbler API key', 'API_KEY_INVALID');

    const [stored] = await this.db.machineQuery<StoredKey>('SELECT * FROM app_api_key_by_prefix($1)', [parsed.prefix]);
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
    try {
      await this.db.forTenant(caller).apiKey.update({
        where: { tenantId_id: { tenantId: caller.tenantId, id: caller.apiKeyId } },
        data: { lastUsedAt: new Date(now) },
      });
      this.lastUsedWritten.set(caller.apiKeyId, now);
    } catch (error) {
      this.logger.warn(`could not record the use of API key ${caller.prefix}: ${(error as Error).message}`);
    }
  }
}
