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
import { ApiKeysModule } from './api-keys.module';
import { ApiKeysService } from './api-keys.service';

/** Tenant A's admin against tenant B's keys, and A's key against B. */
describe('API key isolation: A can neither see nor change B’s keys', () => {
  let app: TestApp;
  let a: TenantPeople;
  let b: TenantPeople;
  let aKey: { id: string; key: string };
  let bKey: { id: string; key: string };
  const bState = async () => ({
    keys: await ownerClient().apiKey.findMany({ where: { tenantId: b.tenantId } }),
    events: await ownerClient().auditEvent.count({ where: { tenantId: b.tenantId } }),
  });
  let bBefore: Awaited<ReturnType<typeof bState>>;

  beforeAll(async () => {
    app = await startTestApp([AuditModule, ApiKeysModule, ApiKeyProbeModule]);
    a = await tenantPeople();
    b = await tenantPeople();
    aKey = await newApiKey(a.tenantId, { createdByUserId: a.OWNER.user.id });
    bKey = await newApiKey(b.tenantId, { createdByUserId: b.OWNER.user.id });
    bBefore = await bState();
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
  });

  it('lists A’s keys only', async () => {
    const listed = dataOf(await graphql<{ apiKeys: ApiKeyView[] }>(app, a.ADMIN.caller, ApiKeyOps.apiKeys)).apiKeys;
    expect(listed.map((key) => key.id)).toEqual([aKey.id]);
    expect(await app.app.get(ApiKeysService).list(a.ADMIN.actor)).toHaveLength(1);
  });

  it.each([
    ['renameApiKey', ApiKeyOps.renameApiKey, () => ({ id: bKey.id, name: 'taken over' })],
    ['revokeApiKey', ApiKeyOps.revokeApiKey, () => ({ id: bKey.id })],
  ])('%s of B’s key from A answers NOT_FOUND', async (_operation, query, variables) => {
    expect(outcome(await graphql(app, a.ADMIN.caller, query, variables()))).toBe('NOT_FOUND');
  });

  it('the services find no key of B either', async () => {
    const service = app.app.get(ApiKeysService);
    await expect(service.rename(a.OWNER.actor, bKey.id, 'x')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(service.revoke(a.OWNER.actor, bKey.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('with X-Tenant-Id of B, A’s admin is refused before anything runs', async () => {
    const answer = await graphql(app, { ...a.ADMIN.caller, tenantId: b.tenantId }, ApiKeyOps.revokeApiKey, {
      id: bKey.id,
    });
    expect(outcome(answer)).toBe('FORBIDDEN:NOT_A_MEMBER');
  });

  it('a key of A authenticates as A, and B’s as B', async () => {
    expect((await probe(app, `Bearer ${aKey.key}`)).body).toMatchObject({ tenantId: a.tenantId, apiKeyId: aKey.id });
    expect((await probe(app, `Bearer ${bKey.key}`)).body).toMatchObject({ tenantId: b.tenantId, apiKeyId: bKey.id });
  });

  it('leaves B’s keys and audit log as they were', async () => {
    const after = await bState();
    // Using B's key above may have stamped its last use; that is B's own doing.
    const withoutLastUse = (keys: typeof after.keys) => keys.map((key) => ({ ...key, lastUsedAt: null }));
    expect(withoutLastUse(after.keys)).toEqual(withoutLastUse(bBefore.keys));
    expect(after.events).toBe(bBefore.events);
  });
});
