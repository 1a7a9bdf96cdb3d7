import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { bearerFor } from '@warbler/api/access/testing';
import { newMember, newTenant, ownerClient } from '@warbler/api/core/testing';
import { graphql, postJson } from './support/http';
import { parseScrape, type Scrape } from './support/prometheus-text';
import { startApp, type StartedApp } from './support/started-app';

const DASHBOARD = join(__dirname, '../../../deploy/grafana/warbler-dashboard.json');

/**
 * The figures docs/metrics.md promises, moved by real requests by exactly what happened, and the
 * Grafana dashboard asking only for metrics the API serves.
 */
describe('Prometheus metrics', () => {
  let started: StartedApp;
  let admin: Record<string, string>;
  const metricCode = `metrics_messages_${randomUUID().slice(0, 8)}`;

  const scrape = async (): Promise<Scrape> => parseScrape(await (await fetch(`${started.url}/metrics`)).text());

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
      data: { id: randomUUID(), planVersionId: tenant.planVersionId, metricId, periodLimit: '3', enforcement: 'HARD' },
    });
  });

  afterAll(() => started.close());

  const event = (key: string, metric = metricCode) => ({
    metric,
    quantity: 1,
    timestamp: new Date().toISOString(),
    idempotency_key: key,
  });

  it('counts usage events by outcome and reason, and HARD quota rejections by metric', async () => {
    const created = await graphql<{ createApiKey: { secret: string } }>(
      started.url,
      'mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }',
      { input: { name: 'Metrics probe', scopes: ['USAGE_WRITE'] } },
      admin,
    );
    const key = { authorization: `Bearer ${created.data?.createApiKey.secret}` };
    const before = await scrape();

    await postJson(started.url, '/v1/usage/events', { events: [event('a'), event('b')] }, key);
    const second = await postJson(
      started.url,
      '/v1/usage/events',
      { events: [event('a'), event('c'), event('d'), event('e'), event('f', 'no_such_metric')] },
      key,
    );
    expect(second.body).toMatchObject({ accepted: 1, duplicates: 1, rejected: 3 });

    const after = await scrape();
    const moved = (labels: Record<string, string>) =>
      after.value('warbler_usage_events_total', labels) - before.value('warbler_usage_events_total', labels);
    expect(moved({ outcome: 'accepted' })).toBe(3);
    expect(moved({ outcome: 'duplicate' })).toBe(1);
    expect(moved({ outcome: 'rejected', reason: 'QUOTA_EXCEEDED' })).toBe(2);
    expect(moved({ outcome: 'rejected', reason: 'UNKNOWN_METRIC' })).toBe(1);
    expect(
      after.value('warbler_quota_rejections_total', { metric: metricCode }) -
        before.value('warbler_quota_rejections_total', { metric: metricCode }),
    ).toBe(2);
  });

  it('labels GraphQL operations by root field, never by the name a client picks', async () => {
    const operationName = `Probe${randomUUID().replace(/-/g, '')}`;
    await graphql(started.url, `query ${operationName} { me { user { id } } }`);
    await graphql(started.url, `query ${operationName}Two { me { user { id } } plans { id } }`, {}, admin);
    await graphql(started.url, `query ${operationName}Bad { noSuchField }`);

    const after = await scrape();
    const text = await (await fetch(`${started.url}/metrics`)).text();
    expect(text).not.toContain(operationName);
    expect(after.value('warbler_graphql_errors_total', { operation: 'me', code: 'UNAUTHENTICATED' })).toBeGreaterThan(
      0,
    );
    expect(after.value('warbler_graphql_operation_duration_seconds_count', { operation: 'multiple' })).toBeGreaterThan(
      0,
    );
    expect(
      after.value('warbler_graphql_errors_total', { operation: 'invalid', code: 'BAD_USER_INPUT' }),
    ).toBeGreaterThan(0);
  });

  it('declares the periodic job metrics, and serves every metric the Grafana dashboard asks for', async () => {
    const served = await scrape();
    for (const name of [
      'warbler_job_runs_total',
      'warbler_job_lag_seconds',
      'warbler_job_last_success_timestamp_seconds',
    ]) {
      expect(served.names).toContain(name);
    }
    const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as { panels: { targets: { expr: string }[] }[] };
    const asked = new Set(
      dashboard.panels.flatMap((panel) => panel.targets.flatMap((t) => t.expr.match(/warbler_\w+/g) ?? [])),
    );
    expect(asked.size).toBeGreaterThan(5);
    expect([...asked].filter((name) => !served.names.has(name))).toEqual([]);
  });
});
