import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateApiKey } from '@warbler/api/access';
import { bearerFor } from '@warbler/api/access/testing';
import { closeOwnerClient, newMember, newTenant, newUser, ownerClient } from '@warbler/api/core/testing';
import { graphql, postJson } from './support/http';
import { startApp, type StartedApp } from './support/started-app';

const HOUR = 3_600_000;

/**
 * Finance exports through the real app: a tenant's software reports usage with its key, finance
 * exports it directly and as a background job, polls the job and downloads its file; support and the
 * tenant's own owner are refused; every export is in the platform audit log.
 */
describe('finance exports end to end', () => {
  let started: StartedApp;
  let storage: string;
  let finance: Record<string, string>;
  let financeUserId: string;
  let support: Record<string, string>;
  let owner: Record<string, string>;
  let tenantId: string;
  let metric: string;
  let range: { from: string; to: string };
  const quantities = [3, 5, 7, 11, 13, 17];

  beforeAll(async () => {
    storage = await mkdtemp(join(tmpdir(), 'warbler-e2e-exports-'));
    process.env['EXPORT_STORAGE_DIR'] = storage;
    started = await startApp();
    const tenant = await newTenant();
    tenantId = tenant.id;
    const financeUser = await newUser({ staffRole: 'FINANCE' });
    financeUserId = financeUser.id;
    finance = { authorization: `Bearer ${await bearerFor(financeUser)}` };
    support = { authorization: `Bearer ${await bearerFor(await newUser({ staffRole: 'SUPPORT' }))}` };
    const ownerMember = await newMember(tenantId, 'OWNER');
    owner = { authorization: `Bearer ${await bearerFor(ownerMember.user)}`, 'x-tenant-id': tenantId };

    metric = `e2e_export_${randomUUID().slice(0, 8)}`;
    await ownerClient().billableMetric.create({
      data: { code: metric, name: 'Exported messages', unit: 'messages', aggregation: 'SUM' },
    });
    const { key, prefix, hash } = generateApiKey();
    await ownerClient().apiKey.create({
      data: {
        tenantId,
        name: 'e2e',
        prefix,
        keyHash: hash,
        scopes: ['usage:write'],
        createdByUserId: ownerMember.user.id,
      },
    });
    const now = Date.now();
    const reported = await postJson(
      started.url,
      '/v1/usage/events',
      {
        events: quantities.map((quantity, index) => ({
          metric,
          quantity,
          timestamp: new Date(now - (index + 2) * HOUR).toISOString(),
          idempotency_key: randomUUID(),
        })),
      },
      { authorization: `Bearer ${key}` },
    );
    expect(reported.body.accepted).toBe(quantities.length);
    range = {
      from: new Date(Math.floor((now - 23 * HOUR) / HOUR) * HOUR).toISOString(),
      to: new Date(Math.ceil((now + HOUR) / HOUR) * HOUR).toISOString(),
    };
  });

  afterAll(async () => {
    await started.close();
    await closeOwnerClient();
    delete process.env['EXPORT_STORAGE_DIR'];
    await rm(storage, { recursive: true, force: true });
  });

  const get = (path: string, headers: Record<string, string>) => fetch(`${started.url}${path}`, { headers });
  const usagePath = (granularity: string, format: string) =>
    `/v1/exports/usage?${new URLSearchParams({ ...range, tenantId, metric, granularity, format })}`;

  it('streams the usage as CSV: one row per hour, adding up to what was reported', async () => {
    const response = await get(usagePath('HOUR', 'csv'), finance);
    expect(response.status).toBe(200);
    const [header, ...rows] = (await response.text()).trimEnd().split('\n');
    expect(header).toBe(
      'tenant_id,tenant_slug,metric,aggregation,billing_period_start,bucket_start,bucket_end,value,event_count',
    );
    expect(rows).toHaveLength(quantities.length);
    expect(rows.map((row) => Number(row.split(',')[7])).sort((a, b) => a - b)).toEqual(quantities);
  });

  it('runs a long export as a job finance polls and downloads later', async () => {
    const created = await graphql<{ createExportJob: { id: string; status: string } }>(
      started.url,
      `
        mutation ($input: CreateExportJobInput!) {
          createExportJob(input: $input) {
            id
            status
          }
        }
      `,
      {
        input: {
          kind: 'USAGE',
          format: 'JSONL',
          usage: { ...range, tenantIds: [tenantId], metrics: [metric], granularity: 'PERIOD' },
          idempotencyKey: randomUUID(),
        },
      },
      finance,
    );
    expect(created.errors).toBeUndefined();
    const id = created.data?.createExportJob.id as string;
    let job: { status: string; progressPercent: number; rowsWritten: string; downloadPath: string } | undefined;
    for (let attempt = 0; attempt < 50; attempt++) {
      const answer = await graphql<{ exportJob: NonNullable<typeof job> }>(
        started.url,
        `
          query ($id: ID!) {
            exportJob(id: $id) {
              status
              progressPercent
              rowsWritten
              downloadPath
            }
          }
        `,
        { id },
        finance,
      );
      job = answer.data?.exportJob;
      if (job?.status === 'SUCCEEDED' || job?.status === 'FAILED') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(job).toMatchObject({ status: 'SUCCEEDED', progressPercent: 100, rowsWritten: '1' });
    const file = await get(job?.downloadPath as string, finance);
    expect(file.status).toBe(200);
    const lines = (await file.text())
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toEqual([
      expect.objectContaining({
        tenant_id: tenantId,
        metric,
        value: String(quantities.reduce((a, b) => a + b)),
        event_count: 6,
      }),
    ]);
    expect((await get(job?.downloadPath as string, support)).status).toBe(403);
  });

  it('refuses support and the tenant owner, and answers a bad filter with 400', async () => {
    expect((await get(usagePath('HOUR', 'csv'), support)).status).toBe(403);
    expect((await get(usagePath('HOUR', 'csv'), owner)).status).toBe(403);
    const bad = await get(`/v1/exports/usage?${new URLSearchParams({ ...range, granularity: 'MINUTE' })}`, finance);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'granularity must be one of HOUR, DAY, PERIOD',
    });
  });

  it('audits every export finance made, with its row count', async () => {
    const events = await ownerClient().platformAuditEvent.findMany({
      where: { actorUserId: financeUserId },
      orderBy: { seq: 'asc' },
    });
    expect(events.map((event) => event.action)).toEqual([
      'export.usage_streamed',
      'export.job_created',
      'export.job_succeeded',
      'export.job_downloaded',
    ]);
    expect(events[0].details).toMatchObject({
      rows: quantities.length,
      completed: true,
      filter: { tenantIds: [tenantId] },
    });
    expect(events[2].details).toMatchObject({ rows: 1 });
  });
});
