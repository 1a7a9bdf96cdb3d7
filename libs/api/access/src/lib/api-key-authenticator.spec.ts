import { randomUUID } from 'node:crypto';
import { type ApiKeyScope, Database, type DomainError } from '@warbler/api/core';
import { closeOwnerClient, newTenant, newUser, ownerClient, testConfig } from '@warbler/api/core/testing';
import { ApiKeyAuthenticator } from './api-key-authenticator';
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

describe('ApiKeyAuthenticator', () => {
  let db: Database;
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
    authenticator = new ApiKeyAuthenticator(db);
    tenantId = (await newTenant()).id;
  });

  afterAll(async () => {
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
    await ownerClient().tenant.update({ where: { id: suspended }, data: { status: 'SUSPENDED' } });
    expect(await refusal(`Bearer ${key}`)).toBe('FORBIDDEN:TENANT_SUSPENDED');
  });

  it('refuses a key revoked after it was last accepted, at once', async () => {
    const { key, id } = await storeKey();
    expect(await refusal(`Bearer ${key}`)).toBe('accepted');
    await ownerClient().apiKey.update({ where: { tenantId_id: { tenantId, id } }, data: { revokedAt: new Date() } });
    expect(await refusal(`Bearer ${key}`)).toBe('UNAUTHENTICATED:API_KEY_REVOKED');
  });
});
