import { AuditModule } from '@warbler/api/audit';
import type { TenantRole } from '@warbler/api/core';
import {
  ApiKeyOps,
  bearerFor,
  type Caller,
  closeOwnerClient,
  graphql,
  newApiKey,
  newUser,
  outcome,
  ownerClient,
  startTestApp,
  tenantPeople,
  type TestApp,
} from '../testing';
import { ApiKeysModule } from './api-keys.module';

type Who = TenantRole | 'NO_TENANT' | 'ANONYMOUS';
const WHO: Who[] = ['OWNER', 'ADMIN', 'BILLING_ADMIN', 'MEMBER', 'NO_TENANT', 'ANONYMOUS'];
/** OWNER, ADMIN, BILLING_ADMIN, MEMBER, signed in without a tenant, not signed in. */
const EXPECTED = ['OK', 'OK', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'UNAUTHENTICATED'];

const ROWS: [string, string, (keyId: string) => Record<string, unknown>][] = [
  ['apiKeys', ApiKeyOps.apiKeys, () => ({})],
  ['createApiKey', ApiKeyOps.createApiKey, () => ({ input: { name: 'matrix', scopes: ['USAGE_WRITE'] } })],
  ['renameApiKey', ApiKeyOps.renameApiKey, (id) => ({ id, name: 'renamed' })],
  ['revokeApiKey', ApiKeyOps.revokeApiKey, (id) => ({ id })],
];

describe('who may manage API keys', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp([AuditModule, ApiKeysModule]);
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
  });

  const cells = ROWS.flatMap(([operation, query, variables]) =>
    WHO.map((who, index) => [operation, who, EXPECTED[index], query, variables] as const),
  );

  it.each(cells)('%s by %s: %s', async (_operation, who, expected, query, variables) => {
    const people = await tenantPeople();
    const key = await newApiKey(people.tenantId, { createdByUserId: people.OWNER.user.id });
    const before = await ownerClient().apiKey.findMany({ where: { tenantId: people.tenantId } });
    const events = await ownerClient().auditEvent.count({ where: { tenantId: people.tenantId } });
    let caller: Caller | null = null;
    if (who === 'NO_TENANT') caller = { token: await bearerFor(people.OWNER.user) };
    else if (who !== 'ANONYMOUS') caller = people[who].caller;

    const answer = await graphql(app, caller, query, variables(key.id));

    expect(outcome(answer)).toBe(expected);
    if (expected !== 'OK') {
      expect(await ownerClient().apiKey.findMany({ where: { tenantId: people.tenantId } })).toEqual(before);
      expect(await ownerClient().auditEvent.count({ where: { tenantId: people.tenantId } })).toBe(events);
    }
  });

  it('a signed-in user who is no member of the tenant is refused', async () => {
    const people = await tenantPeople();
    const stranger = await newUser();
    const answer = await graphql(
      app,
      { token: await bearerFor(stranger), tenantId: people.tenantId },
      ApiKeyOps.apiKeys,
    );
    expect(outcome(answer)).toBe('FORBIDDEN:NOT_A_MEMBER');
  });
});
