import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { type ApiKeyScope, Database, type DomainError } from '@warbler/api/core';
import { closeOwnerClient, newTenant, newUser, ownerClient, testConfig } from '@warbler/api/core/testing';
import { ApiKeyAuthenticator } from './api-key-authenticator';
import { ApiKeyCache } from './api-key-cache';
import { generateApiKey } from './api-key-secrets';
import type { WarblerRequest } from './request';

const DAY = 24 * 3600 * 1000;

/** Just what the authenticator reads of a request. */
const requestWith = (authorization?: string) =>
  ({
    headers: authorization === undefined ? {} : { authorization },
    requestId: `req-${randomUUID()}`,
    ip: '203.0.113.7',
  }) as unknown as WarblerRequest;

/** What `read` answers once it answers `expected`, or after `ms` (which the assertion then shows). */
async function eventually<T>(read: () => Promise<T>, expected: T, ms = 2_000): Promise<T> {
  const deadline = Date.now() + ms;
  let value = await read();
  while (value !== expected && Date.now() < deadline) {
    await sleep(20);
    value = await read();
  }
  return value;
}

describe('ApiKeyAuthenticator', () => {
  let db: Database;
  let cache: ApiKeyCache;
  let authenticator: ApiKeyAuthenticator;
  let tenantId: string;

  const storeKey = async (
    options: { scopes?: ApiKeyScope[]; expiresAt?: Date | null; revokedAt?: Date | null; tenant?: string } = {},
  ) => {
    const { key, prefix, hash } = generateApiKey();
    const row = await ownerClient().apiKey.create({
      data: {
        tenantId: options.tenant ?? tenantId,
        id: randomUUID(),
        name: 'spec',
        prefix,
        keyHash: hash,
        scopes: options.scopes ?? ['quota:read'],
        createdByUserId: (await newUser()).id,
        expiresAt: options.expiresAt ?? null,
        revokedAt: options.revokedAt ?? null,
      },
    });
    return { key, prefix, id: row.id };
  };
  const refusal = (authorization: string | undefined, scope: ApiKeyScope = 'quota:read') =>
    authenticator.authenticate(requestWith(authorization), scope).then(
      () => 'accepted',
      (error: DomainError) => `${error.code}:${error.reason}`,
    );
  const lastUsedAt = async (id: string) => (await ownerClient().apiKey.findFirstOrThrow({ where: { id } })).lastUsedAt;

  beforeAll(async () => {
    db = new Database(testConfig());
    cache = new ApiKeyCache(db, testConfig());
    await cache.onModuleInit();
    authenticator = new ApiKeyAuthenticator(db, cache);
    tenantId = (await newTenant()).id;
  });

  afterAll(async () => {
    await cache.onModuleDestroy();
    await db.onModuleDestroy();
    await closeOwnerClient();
  });

  it('answers the key’s tenant, id, prefix and scopes, with the request’s id and address', async () => {
    const { key, prefix, id } = await storeKey({ scopes: ['usage:write', 'quota:read'] });
    const request = requestWith(`Bearer ${key}`);

    expect(await authenticator.authenticate(request, 'usage:write')).toEqual({
      tenantId,
      apiKeyId: id,
      prefix,
      scopes: ['usage:write', 'quota:read'],
      requestId: request.requestId,
      ip: '203.0.113.7',
    });
  });

  it('stamps last_used_at at most once a minute per key', async () => {
    const { key, id } = await storeKey();
    expect(await lastUsedAt(id)).toBeNull();

    await authenticator.authenticate(requestWith(`Bearer ${key}`), 'quota:read');
    const first = await lastUsedAt(id);
    expect(first).not.toBeNull();
    await authenticator.authenticate(requestWith(`Bearer ${key}`), 'quota:read');
    expect(await lastUsedAt(id)).toEqual(first);
  });

  it('tolerates spaces around the key', async () => {
    const { key } = await storeKey();
    expect(await refusal(`Bearer  ${key} `)).toBe('accepted');
  });

  it.each([
    ['no header', undefined, 'UNAUTHENTICATED:API_KEY_MISSING'],
    ['another scheme', 'Basic abc', 'UNAUTHENTICATED:API_KEY_MISSING'],
    ['an empty key', 'Bearer ', 'UNAUTHENTICATED:API_KEY_INVALID'],
    ['a JWT', 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig', 'UNAUTHENTICATED:API_KEY_INVALID'],
    ['a short secret', `Bearer wbk_${'a'.repeat(12)}_${'b'.repeat(42)}`, 'UNAUTHENTICATED:API_KEY_INVALID'],
    ['an unknown prefix', `Bearer wbk_${'a'.repeat(12)}_${'b'.repeat(43)}`, 'UNAUTHENTICATED:API_KEY_INVALID'],
  ])('refuses %s', async (_case, authorization, expected) => {
    expect(await refusal(authorization)).toBe(expected);
  });

  it('refuses a known prefix with a wrong secret, and does not tell whether that key is revoked', async () => {
    const live = await storeKey();
    const revoked = await storeKey({ revokedAt: new Date() });
    const forge = (key: string) => `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`;

    expect(await refusal(`Bearer ${forge(live.key)}`)).toBe('UNAUTHENTICATED:API_KEY_INVALID');
    expect(await refusal(`Bearer ${forge(revoked.key)}`)).toBe('UNAUTHENTICATED:API_KEY_INVALID');
  });

  it('refuses a revoked key, and does not stamp its use', async () => {
    const { key, id } = await storeKey({ revokedAt: new Date() });
    expect(await refusal(`Bearer ${key}`)).toBe('UNAUTHENTICATED:API_KEY_REVOKED');
    expect(await lastUsedAt(id)).toBeNull();
  });

  it('refuses an expired key and accepts one that expires later', async () => {
    const expired = await storeKey({ expiresAt: new Date(Date.now() - 1000) });
    const expiring = await storeKey({ expiresAt: new Date(Date.now() + DAY) });
    expect(await refusal(`Bearer ${expired.key}`)).toBe('UNAUTHENTICATED:API_KEY_EXPIRED');
    expect(await refusal(`Bearer ${expiring.key}`)).toBe('accepted');
  });

  it('refuses a key without the scope with FORBIDDEN', async () => {
    const { key } = await storeKey({ scopes: ['usage:write'] });
    expect(await refusal(`Bearer ${key}`, 'quota:read')).toBe('FORBIDDEN:API_KEY_SCOPE');
    expect(await refusal(`Bearer ${key}`, 'usage:write')).toBe('accepted');
  });

  it('refuses every key of a suspended tenant', async () => {
    const suspended = (await newTenant()).id;
    const { key } = await storeKey({ tenant: suspended });
    await ownerClient().tenant.update({
      where: { id: suspended },
      data: { status: 'SUSPENDED', suspendedAt: new Date(), suspensionReason: 'Test' },
    });
    expect(await refusal(`Bearer ${key}`)).toBe('FORBIDDEN:TENANT_SUSPENDED');
  });

  describe('with keys in memory', () => {
    let lookups: jest.SpyInstance;
    /** How many times `work` read a key from the database. */
    const lookupsDuring = async (work: () => Promise<unknown>) => {
      const before = lookups.mock.calls.length;
      await work();
      return lookups.mock.calls.length - before;
    };
    const revoke = (id: string) =>
      ownerClient().apiKey.update({ where: { tenantId_id: { tenantId, id } }, data: { revokedAt: new Date() } });

    beforeEach(() => {
      lookups = jest.spyOn(db, 'machineQuery');
    });

    afterEach(() => jest.restoreAllMocks());

    it('answers a key read once without reading it again, and still checks its secret', async () => {
      const { key } = await storeKey();
      const forged = `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`;

      expect(await lookupsDuring(() => refusal(`Bearer ${key}`))).toBe(1);
      expect(await lookupsDuring(() => refusal(`Bearer ${key}`))).toBe(0);
      expect(await refusal(`Bearer ${key}`)).toBe('accepted');
      expect(await lookupsDuring(() => refusal(`Bearer ${forged}`))).toBe(0);
      expect(await refusal(`Bearer ${forged}`)).toBe('UNAUTHENTICATED:API_KEY_INVALID');
    });

    it('reads an unknown prefix from the database every time', async () => {
      const unknown = `Bearer wbk_${'c'.repeat(12)}_${'d'.repeat(43)}`;
      expect(await lookupsDuring(() => refusal(unknown))).toBe(1);
      expect(await lookupsDuring(() => refusal(unknown))).toBe(1);
    });

    it('reads a key again once it has been in memory for a minute', async () => {
      const { key } = await storeKey();
      await refusal(`Bearer ${key}`);
      const now = Date.now();
      jest.spyOn(Date, 'now').mockReturnValue(now + 60_000);
      expect(await lookupsDuring(() => refusal(`Bearer ${key}`))).toBe(1);
    });

    it('refuses a key revoked by another connection as soon as the notice arrives', async () => {
      const { key, id } = await storeKey();
      await refusal(`Bearer ${key}`);
      expect(await lookupsDuring(() => refusal(`Bearer ${key}`))).toBe(0);

      await revoke(id);

      expect(await eventually(() => refusal(`Bearer ${key}`), 'UNAUTHENTICATED:API_KEY_REVOKED')).toBe(
        'UNAUTHENTICATED:API_KEY_REVOKED',
      );
    });

    it('refuses every key of a tenant suspended by another connection as soon as the notice arrives', async () => {
      const suspended = (await newTenant()).id;
      const keys = [await storeKey({ tenant: suspended }), await storeKey({ tenant: suspended })];
      for (const { key } of keys) await refusal(`Bearer ${key}`);
      expect(await lookupsDuring(() => refusal(`Bearer ${keys[1].key}`))).toBe(0);

      await ownerClient().tenant.update({
        where: { id: suspended },
        data: { status: 'SUSPENDED', suspendedAt: new Date(), suspensionReason: 'Test' },
      });

      for (const { key } of keys) {
        expect(await eventually(() => refusal(`Bearer ${key}`), 'FORBIDDEN:TENANT_SUSPENDED')).toBe(
          'FORBIDDEN:TENANT_SUSPENDED',
        );
      }
    });

    it('refuses a key that expires while in memory', async () => {
      const { key } = await storeKey({ expiresAt: new Date(Date.now() + 300) });
      expect(await refusal(`Bearer ${key}`)).toBe('accepted');

      await sleep(400);

      expect(await lookupsDuring(() => refusal(`Bearer ${key}`))).toBe(0);
      expect(await refusal(`Bearer ${key}`)).toBe('UNAUTHENTICATED:API_KEY_EXPIRED');
    });

    it('bypasses memory while the notices are down, and keeps keys again once they resume', async () => {
      jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      const revoked = await storeKey();
      const live = await storeKey();
      await refusal(`Bearer ${revoked.key}`);
      expect(await lookupsDuring(() => refusal(`Bearer ${revoked.key}`))).toBe(0);

      const killed = await ownerClient().$queryRaw<{ done: boolean }[]>`
        SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity
        WHERE application_name = 'warbler-api-listener' AND datname = current_database()`;
      expect(killed).toContainEqual({ done: true });

      // Reconnecting waits a second: until then every call reads the database.
      expect(await eventually(() => lookupsDuring(() => refusal(`Bearer ${revoked.key}`)), 1)).toBe(1);
      expect(await lookupsDuring(() => refusal(`Bearer ${revoked.key}`))).toBe(1);
      await revoke(revoked.id);
      expect(await refusal(`Bearer ${revoked.key}`)).toBe('UNAUTHENTICATED:API_KEY_REVOKED');

      const keptAgain = async () => {
        await refusal(`Bearer ${live.key}`);
        return lookupsDuring(() => refusal(`Bearer ${live.key}`));
      };
      expect(await eventually(keptAgain, 0, 5_000)).toBe(0);
    });
  });
});
