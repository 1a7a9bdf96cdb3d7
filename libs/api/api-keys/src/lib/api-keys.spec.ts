import { ApiKeyCache, hashApiKey } from '@warbler/api/access';
import { AuditModule } from '@warbler/api/audit';
import {
  type ApiKeyView,
  ApiKeyOps,
  ApiKeyProbeModule,
  closeOwnerClient,
  dataOf,
  graphql,
  newApiKey,
  outcome,
  ownerClient,
  probe,
  startTestApp,
  tenantPeople,
  type TenantPeople,
  type TestApp,
} from '../testing';
import { MAX_ACTIVE_API_KEYS } from './api-key-rules';
import { ApiKeysModule } from './api-keys.module';
import { ApiKeysService } from './api-keys.service';

const DAY = 24 * 3600 * 1000;

describe('tenant API keys', () => {
  let app: TestApp;
  let people: TenantPeople;

  beforeAll(async () => {
    app = await startTestApp([AuditModule, ApiKeysModule, ApiKeyProbeModule]);
  });

  beforeEach(async () => {
    people = await tenantPeople();
  });

  afterEach(() => jest.restoreAllMocks());

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
  });

  const create = async (input: Record<string, unknown>) =>
    dataOf(
      await graphql<{ createApiKey: { secret: string; apiKey: ApiKeyView } }>(
        app,
        people.OWNER.caller,
        ApiKeyOps.createApiKey,
        {
          input,
        },
      ),
    ).createApiKey;
  const list = async () =>
    dataOf(await graphql<{ apiKeys: ApiKeyView[] }>(app, people.ADMIN.caller, ApiKeyOps.apiKeys)).apiKeys;
  const auditEvents = () =>
    ownerClient().auditEvent.findMany({ where: { tenantId: people.tenantId }, orderBy: { seq: 'asc' } });

  it('shows the secret once: the list never has it and the database keeps only its digest', async () => {
    const { secret, apiKey } = await create({ name: ' Ingestion ', scopes: ['USAGE_WRITE', 'QUOTA_READ'] });

    expect(secret).toMatch(new RegExp(`^wbk_${apiKey.prefix}_[A-Za-z0-9_-]{43}$`));
    expect(apiKey).toMatchObject({
      name: 'Ingestion',
      scopes: ['USAGE_WRITE', 'QUOTA_READ'],
      status: 'ACTIVE',
      createdByEmail: people.OWNER.user.email,
      expiresAt: null,
      revokedAt: null,
      lastUsedAt: null,
    });
    const listed = await list();
    expect(listed).toEqual([apiKey]);
    expect(JSON.stringify(listed)).not.toContain(secret.slice(-43));

    const stored = await ownerClient().apiKey.findFirstOrThrow({ where: { tenantId: people.tenantId, id: apiKey.id } });
    expect(stored.keyHash).toBe(hashApiKey(secret));
    expect(stored.keyHash).not.toBe(secret);
    expect(stored.scopes).toEqual(['usage:write', 'quota:read']);

    const [event] = await auditEvents();
    expect(event).toMatchObject({
      action: 'api_key.created',
      targetType: 'ApiKey',
      targetId: apiKey.id,
      actorUserId: people.OWNER.user.id,
    });
    expect(JSON.stringify(event.changes)).not.toContain(secret.slice(-43));
    expect(JSON.stringify(event.changes)).not.toContain(stored.keyHash);
    expect(event.changes).toMatchObject({ name: { before: null, after: 'Ingestion' } });
  });

  it('lists newest first', async () => {
    const first = await create({ name: 'first', scopes: ['QUOTA_READ'] });
    const second = await create({ name: 'second', scopes: ['QUOTA_READ'] });
    expect((await list()).map((key) => key.id)).toEqual([second.apiKey.id, first.apiKey.id]);
  });

  it('authenticates a REST route as its own tenant, with its scopes, and records when it was used', async () => {
    const { secret, apiKey } = await create({ name: 'quota reader', scopes: ['QUOTA_READ'] });

    const answer = await probe(app, `Bearer ${secret}`);

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      tenantId: people.tenantId,
      apiKeyId: apiKey.id,
      prefix: apiKey.prefix,
      scopes: ['quota:read'],
    });
    const [listed] = await list();
    expect(listed.lastUsedAt).not.toBeNull();
    expect(listed.status).toBe('ACTIVE');
  });

  it('refuses a revoked key with API_KEY_REVOKED; revoking again changes and records nothing', async () => {
    const { secret, apiKey } = await create({ name: 'soon gone', scopes: ['QUOTA_READ'] });

    const revoked = dataOf(
      await graphql<{ revokeApiKey: ApiKeyView }>(app, people.ADMIN.caller, ApiKeyOps.revokeApiKey, { id: apiKey.id }),
    ).revokeApiKey;
    expect(revoked).toMatchObject({ id: apiKey.id, status: 'REVOKED' });
    expect(revoked.revokedAt).not.toBeNull();
    const eventsAfterRevoke = await auditEvents();
    expect(eventsAfterRevoke.at(-1)).toMatchObject({
      action: 'api_key.revoked',
      targetId: apiKey.id,
      actorUserId: people.ADMIN.user.id,
    });

    const again = dataOf(
      await graphql<{ revokeApiKey: ApiKeyView }>(app, people.OWNER.caller, ApiKeyOps.revokeApiKey, { id: apiKey.id }),
    ).revokeApiKey;
    expect(again).toEqual(revoked);
    expect(await auditEvents()).toHaveLength(eventsAfterRevoke.length);

    expect(await probe(app, `Bearer ${secret}`)).toMatchObject({
      status: 401,
      body: { code: 'UNAUTHENTICATED', reason: 'API_KEY_REVOKED' },
    });
  });

  it('refuses a key revoked through the service on its very next call, though it was in memory', async () => {
    const { secret, apiKey } = await create({ name: 'kept', scopes: ['QUOTA_READ'] });
    const lookups = jest.spyOn(app.db, 'machineQuery');
    const forget = jest.spyOn(app.app.get(ApiKeyCache), 'forget');
    await probe(app, `Bearer ${secret}`);
    expect((await probe(app, `Bearer ${secret}`)).status).toBe(200);
    expect(lookups).toHaveBeenCalledTimes(1);

    await app.app.get(ApiKeysService).revoke(people.ADMIN.actor, apiKey.id);

    // Without waiting for the change notice, which other instances rely on.
    expect(forget).toHaveBeenCalledWith(apiKey.prefix);
    expect(await probe(app, `Bearer ${secret}`)).toMatchObject({
      status: 401,
      body: { code: 'UNAUTHENTICATED', reason: 'API_KEY_REVOKED' },
    });
  });

  it('records a revocation once when two arrive together', async () => {
    const { apiKey } = await create({ name: 'raced', scopes: ['QUOTA_READ'] });
    const service = app.app.get(ApiKeysService);

    const [one, two] = await Promise.all([
      service.revoke(people.OWNER.actor, apiKey.id),
      service.revoke(people.ADMIN.actor, apiKey.id),
    ]);

    expect(one.revokedAt).toEqual(two.revokedAt);
    expect((await auditEvents()).filter((event) => event.action === 'api_key.revoked')).toHaveLength(1);
  });

  it('refuses an expired key with API_KEY_EXPIRED and lists it as EXPIRED', async () => {
    const { key, id } = await newApiKey(people.tenantId, {
      scopes: ['quota:read'],
      expiresAt: new Date(Date.now() - 1000),
      createdByUserId: people.OWNER.user.id,
    });

    expect(await probe(app, `Bearer ${key}`)).toMatchObject({
      status: 401,
      body: { code: 'UNAUTHENTICATED', reason: 'API_KEY_EXPIRED' },
    });
    expect((await list()).find((listed) => listed.id === id)).toMatchObject({
      status: 'EXPIRED',
      createdByEmail: people.OWNER.user.email,
    });
  });

  it('refuses a key without the route’s scope with 403 API_KEY_SCOPE', async () => {
    const { secret } = await create({ name: 'writer only', scopes: ['USAGE_WRITE'] });
    expect(await probe(app, `Bearer ${secret}`)).toMatchObject({
      status: 403,
      body: { code: 'FORBIDDEN', reason: 'API_KEY_SCOPE' },
    });
  });

  it.each([
    ['no Authorization header', 'API_KEY_MISSING', undefined],
    ['a non-Bearer scheme', 'API_KEY_MISSING', 'Basic d2JrOng='],
    ['a malformed key', 'API_KEY_INVALID', 'Bearer wbk_short_secret'],
    ['a user’s access token', 'API_KEY_INVALID', 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.x'],
    ['an unknown well-formed key', 'API_KEY_INVALID', `Bearer wbk_${'A'.repeat(12)}_${'b'.repeat(43)}`],
  ])('refuses %s with 401 %s', async (_case, reason, authorization) => {
    expect(await probe(app, authorization)).toMatchObject({
      status: 401,
      body: { code: 'UNAUTHENTICATED', reason },
    });
  });

  it('refuses a known prefix with the wrong secret', async () => {
    const { secret } = await create({ name: 'guessed', scopes: ['QUOTA_READ'] });
    const forged = `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
    expect(await probe(app, `Bearer ${forged}`)).toMatchObject({ status: 401, body: { reason: 'API_KEY_INVALID' } });
  });

  it('renames a key and records the old and new name', async () => {
    const { apiKey } = await create({ name: 'old', scopes: ['QUOTA_READ'] });

    const renamed = dataOf(
      await graphql<{ renameApiKey: ApiKeyView }>(app, people.ADMIN.caller, ApiKeyOps.renameApiKey, {
        id: apiKey.id,
        name: 'new',
      }),
    ).renameApiKey;

    expect(renamed).toEqual({ ...apiKey, name: 'new' });
    expect((await auditEvents()).at(-1)).toMatchObject({
      action: 'api_key.renamed',
      targetId: apiKey.id,
      changes: { name: { before: 'old', after: 'new' } },
    });
  });

  it('keeps an expiry within two years and returns it', async () => {
    const expiresAt = new Date(Date.now() + 30 * DAY);
    const { apiKey } = await create({ name: 'month', scopes: ['QUOTA_READ'], expiresAt: expiresAt.toISOString() });
    expect(apiKey.expiresAt).toBe(expiresAt.toISOString());
  });

  it.each([
    ['an empty name', { name: '   ', scopes: ['QUOTA_READ'] }, 'BAD_USER_INPUT:VALIDATION_FAILED'],
    ['a name over 80 characters', { name: 'x'.repeat(81), scopes: ['QUOTA_READ'] }, 'BAD_USER_INPUT:VALIDATION_FAILED'],
    ['no scopes', { name: 'k', scopes: [] }, 'BAD_USER_INPUT:VALIDATION_FAILED'],
    ['a repeated scope', { name: 'k', scopes: ['QUOTA_READ', 'QUOTA_READ'] }, 'BAD_USER_INPUT:VALIDATION_FAILED'],
    ['an unknown scope', { name: 'k', scopes: ['ADMIN'] }, 'BAD_USER_INPUT'],
    [
      'an expiry in the past',
      { name: 'k', scopes: ['QUOTA_READ'], expiresAt: new Date(Date.now() - DAY).toISOString() },
      'BAD_USER_INPUT:API_KEY_EXPIRY_PAST',
    ],
    [
      'an expiry over two years ahead',
      { name: 'k', scopes: ['QUOTA_READ'], expiresAt: new Date(Date.now() + 732 * DAY).toISOString() },
      'BAD_USER_INPUT:API_KEY_EXPIRY_TOO_FAR',
    ],
  ])('refuses to create a key with %s, writing nothing', async (_case, input, expected) => {
    const answer = await graphql(app, people.OWNER.caller, ApiKeyOps.createApiKey, { input });
    expect(outcome(answer)).toBe(expected);
    expect(await ownerClient().apiKey.count({ where: { tenantId: people.tenantId } })).toBe(0);
    expect(await auditEvents()).toEqual([]);
  });

  it(`caps a tenant at ${MAX_ACTIVE_API_KEYS} active keys; revoked and expired ones do not count`, async () => {
    for (let n = 1; n < MAX_ACTIVE_API_KEYS; n++) {
      await newApiKey(people.tenantId, { createdByUserId: people.OWNER.user.id });
    }
    await newApiKey(people.tenantId, { revoked: true, createdByUserId: people.OWNER.user.id });
    await newApiKey(people.tenantId, { expiresAt: new Date(Date.now() - DAY), createdByUserId: people.OWNER.user.id });

    // One place is left; of two concurrent creations exactly one may take it.
    const service = app.app.get(ApiKeysService);
    const results = await Promise.allSettled([
      service.create(people.OWNER.actor, { name: 'one', scopes: ['quota:read'] }),
      service.create(people.ADMIN.actor, { name: 'two', scopes: ['quota:read'] }),
    ]);

    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((result) => result.status === 'rejected')).toMatchObject({
      reason: { code: 'CONFLICT', reason: 'API_KEY_LIMIT' },
    });
    const answer = await graphql(app, people.OWNER.caller, ApiKeyOps.createApiKey, {
      input: { name: 'over', scopes: ['QUOTA_READ'] },
    });
    expect(outcome(answer)).toBe('CONFLICT:API_KEY_LIMIT');
  });
});
