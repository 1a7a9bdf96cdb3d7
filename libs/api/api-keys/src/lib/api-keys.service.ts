import { Injectable } from '@nestjs/common';
import { ApiKeyCache, generateApiKey } from '@warbler/api/access';
import { AuditLog, type AuditState } from '@warbler/api/audit';
import { Database, type TenantActor, type TenantTx } from '@warbler/api/core';
import {
  ApiKeyAction,
  apiKeyLimitReached,
  apiKeyNotFound,
  expiryNotAhead,
  expiryTooFar,
  latestExpiry,
  MAX_ACTIVE_API_KEYS,
} from './api-key-rules';
import type { ApiKeyRecord } from './graphql/api-key.model';

/** Every column of a key but its hash, which never leaves the database once written. */
const KEY_COLUMNS = {
  tenantId: true,
  id: true,
  name: true,
  prefix: true,
  scopes: true,
  createdByUserId: true,
  createdAt: true,
  expiresAt: true,
  revokedAt: true,
  lastUsedAt: true,
} as const;

type StoredKey = Omit<ApiKeyRecord, 'createdByEmail'> & { tenantId: string; createdByUserId: string };

/**
 * Second key of the advisory lock that serialises a tenant's key creations, so two
 * concurrent creations cannot both pass the active-key cap. The first is the tenant.
 */
const API_KEY_CAP_LOCK = 0x41504b59;

export interface NewApiKey {
  name: string;
  scopes: string[];
  expiresAt?: Date | null;
}

/** A tenant's API keys: issued once with their secret, then only listed, renamed or revoked. */
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    private readonly keys: ApiKeyCache,
  ) {}

  /** Newest first. */
  list(actor: TenantActor): Promise<ApiKeyRecord[]> {
    return this.db.forTenant(actor).transaction(async (tx) => {
      const keys = await tx.apiKey.findMany({ select: KEY_COLUMNS, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
      return withCreators(tx, keys);
    });
  }

  /** Issues a key; the returned secret is the only copy, the database keeps its digest. */
  async create(actor: TenantActor, input: NewApiKey): Promise<{ apiKey: ApiKeyRecord; secret: string }> {
    const now = new Date();
    if (input.expiresAt && input.expiresAt <= now) throw expiryNotAhead();
    if (input.expiresAt && input.expiresAt > latestExpiry(now)) throw expiryTooFar();
    return this.db.forTenant(actor).transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${actor.tenantId}), ${API_KEY_CAP_LOCK}::int)`;
      const active = await tx.apiKey.count({
        where: { revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
      });
      if (active >= MAX_ACTIVE_API_KEYS) throw apiKeyLimitReached();
      const { key, prefix, hash } = generateApiKey();
      const created = await tx.apiKey.create({
        data: {
          tenantId: actor.tenantId,
          name: input.name,
          prefix,
          keyHash: hash,
          scopes: input.scopes,
          createdByUserId: actor.userId,
          expiresAt: input.expiresAt ?? null,
        },
        select: KEY_COLUMNS,
      });
      await this.audit.record(tx, actor, {
        action: ApiKeyAction.created,
        targetType: 'ApiKey',
        targetId: created.id,
        after: apiKeyState(created),
      });
      return { apiKey: { ...created, createdByEmail: actor.email }, secret: key };
    });
  }

  rename(actor: TenantActor, id: string, name: string): Promise<ApiKeyRecord> {
    return this.db.forTenant(actor).transaction(async (tx) => {
      const key = await existingKey(tx, id);
      if (key.name === name) return (await withCreators(tx, [key]))[0];
      const renamed = await tx.apiKey.update({ where: keyOf(key), data: { name }, select: KEY_COLUMNS });
      await this.audit.record(tx, actor, {
        action: ApiKeyAction.renamed,
        targetType: 'ApiKey',
        targetId: key.id,
        before: apiKeyState(key),
        after: apiKeyState(renamed),
      });
      return (await withCreators(tx, [renamed]))[0];
    });
  }

  /**
   * Stops the key working at once: on this instance by dropping it from the cache once the
   * revocation is committed, on the others by the change notice the commit sends.
   * Revoking a revoked key changes and records nothing.
   */
  async revoke(actor: TenantActor, id: string): Promise<ApiKeyRecord> {
    const revoked = await this.db.forTenant(actor).transaction(async (tx) => {
      const key = await existingKey(tx, id);
      // Conditional, so of two concurrent revocations only the first changes the row and records it.
      const { count } = await tx.apiKey.updateMany({
        where: { id: key.id, revokedAt: null },
        data: { revokedAt: new Date() },
      });
      const current = await existingKey(tx, id);
      if (count === 1) {
        await this.audit.record(tx, actor, {
          action: ApiKeyAction.revoked,
          targetType: 'ApiKey',
          targetId: key.id,
          before: apiKeyState(key),
          after: apiKeyState(current),
        });
      }
      return (await withCreators(tx, [current]))[0];
    });
    this.keys.forget(revoked.prefix);
    return revoked;
  }
}

/**
 * A key of the transaction's tenant. Row-level security hides other tenants' keys, so
 * their ids answer NOT_FOUND, which does not confirm that they exist.
 */
async function existingKey(tx: TenantTx, id: string): Promise<StoredKey> {
  const key = await tx.apiKey.findFirst({ where: { id }, select: KEY_COLUMNS });
  if (!key) throw apiKeyNotFound();
  return key;
}

const keyOf = (key: { tenantId: string; id: string }) => ({ tenantId_id: { tenantId: key.tenantId, id: key.id } });

/** What the audit log keeps of a key: never its secret or hash. */
function apiKeyState(key: StoredKey): AuditState {
  return {
    name: key.name,
    prefix: key.prefix,
    scopes: key.scopes,
    expiresAt: key.expiresAt,
    revokedAt: key.revokedAt,
  };
}

/**
 * Adds who created each key. Their membership in this tenant (kept, as REMOVED, when they
 * leave) is what ties the creator's user row to the tenant, so the e-mail outlives the membership.
 */
async function withCreators(tx: TenantTx, keys: StoredKey[]): Promise<ApiKeyRecord[]> {
  const creators = await tx.membership.findMany({
    where: { userId: { in: [...new Set(keys.map((key) => key.createdByUserId))] } },
    select: { userId: true, user: { select: { email: true } } },
  });
  const emails = new Map(creators.map((creator) => [creator.userId, creator.user.email]));
  return keys.map((key) => ({ ...key, createdByEmail: emails.get(key.createdByUserId) ?? null }));
}
