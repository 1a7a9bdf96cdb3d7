import { randomUUID } from 'node:crypto';
import { bearerFor } from '@warbler/api/access/testing';
import { newMember, newTenant, ownerClient } from '@warbler/api/core/testing';
import { graphql, postJson } from './support/http';
import { startApp, type StartedApp } from './support/started-app';

/**
 * The whole metering loop through the real app, the way a tenant uses it: an admin creates
 * an API key in GraphQL, the tenant's software posts usage and checks its quota over REST,
 * the console's usage overview shows the same figures, and a revoked key stops working.
 */
describe('usage metering end to end', () => {
  let started: StartedApp;
  let admin: Record<string, string>;
  const metricCode = `e2e_messages_${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    started = await startApp();
    const tenant = await newTenant();
    const owner = await newMember(tenant.id, 'OWNER');
    admin = { authorization: `Bearer ${await bearerFor(owner.user)}`, 'x-tenant-id': tenant.id };
    const metricId = randomUUID();
    await ownerClient().billableMetric.create({
      data: { id: metricId, code: metricCode, name: 'Messages sent', unit: 'messages', aggregation: 'COUNT' },
    });
    await ownerClient().planQuota.create({
      data: { id: randomUUID(), planVersionId: tenant.planVersionId, metricId, periodLimit: '6', enforcement: 'HARD' },
    });
  });

  afterAll(() => started.close());

  const events = (keys: string[]) => ({
    events: keys.map((key) => ({
      metric: metricCode,
      quantity: 1,
      timestamp: new Date().toISOString(),
      idempotency_key: key,
      properties: { channel: 'general' },
    })),
  });

  it('counts each event once, enforces the HARD quota, and shows it in the console overview', async () => {
    const created = await graphql<{ createApiKey: { secret: string; apiKey: { prefix: string } } }>(
      started.url,
      `
        mutation ($input: CreateApiKeyInput!) {
          createApiKey(input: $input) {
            secret
            apiKey {
              prefix
              status
            }
          }
        }
      `,
      { input: { name: 'Chat backend', scopes: ['USAGE_WRITE', 'QUOTA_READ'] } },
      admin,
    );
    expect(created.errors).toBeUndefined();
    const key = { authorization: `Bearer ${created.data?.createApiKey.secret}` };

    const first = await postJson(started.url, '/v1/usage/events', events(['a', 'b', 'c', 'd', 'e']), key);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ accepted: 5, duplicates: 0, rejected: 0 });

    const retried = await postJson(started.url, '/v1/usage/events', events(['a', 'b', 'c', 'd', 'e']), key);
    expect(retried.body).toMatchObject({ accepted: 0, duplicates: 5, rejected: 0 });

    const pastLimit = await postJson(started.url, '/v1/usage/events', events(['f', 'g']), key);
    expect(pastLimit.body).toMatchObject({ accepted: 1, rejected: 1 });
    expect(pastLimit.body.results[1]).toMatchObject({
      idempotency_key: 'g',
      status: 'rejected',
      reason: 'QUOTA_EXCEEDED',
      quota: { metric: metricCode },
    });

    const quota = await fetch(`${started.url}/v1/quotas/${metricCode}`, { headers: key });
    expect(quota.status).toBe(200);
    expect(await quota.json()).toMatchObject({ metric: metricCode, enforcement: 'HARD' });

    const overview = await graphql<{
      usageOverview: { metrics: { metricCode: string; used: string; quota: { status: string } | null }[] };
    }>(
      started.url,
      `
        {
          usageOverview {
            metrics {
              metricCode
              used
              quota {
                status
              }
            }
          }
        }
      `,
      {},
      admin,
    );
    expect(overview.errors).toBeUndefined();
    const usage = overview.data?.usageOverview.metrics.find((metric) => metric.metricCode === metricCode);
    expect(Number(usage?.used)).toBe(6);
    expect(usage?.quota?.status).toBe('EXCEEDED');
  });

  it('refuses a revoked key with a clear reason', async () => {
    const created = await graphql<{ createApiKey: { secret: string; apiKey: { id: string } } }>(
      started.url,
      `
        mutation ($input: CreateApiKeyInput!) {
          createApiKey(input: $input) {
            secret
            apiKey {
              id
            }
          }
        }
      `,
      { input: { name: 'Short-lived', scopes: ['USAGE_WRITE'] } },
      admin,
    );
    const { secret, apiKey } = created.data?.createApiKey ?? { secret: '', apiKey: { id: '' } };
    await graphql(
      started.url,
      `
        mutation ($id: ID!) {
          revokeApiKey(id: $id) {
            status
          }
        }
      `,
      { id: apiKey.id },
      admin,
    );
    const refused = await postJson(started.url, '/v1/usage/events', events(['z']), {
      authorization: `Bearer ${secret}`,
    });
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'API_KEY_REVOKED' });
  });
});
