import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataOf, graphql, outcome, startTestApp, type TestApp } from '@warbler/api/access/testing';
import { signedInStaffAs } from '@warbler/api/billing/testing';
import { PeriodicJobs } from '@warbler/api/core';
import { closeOwnerClient, ownerClient } from '@warbler/api/core/testing';
import { MeteringModule } from '@warbler/api/metering';
import {
  exportedMetric,
  ExportOps,
  getExport,
  parseCsv,
  parseJsonLines,
  reportingTenant,
  reportUsage,
} from '../testing/exports-testing';
import { ExportsModule } from './exports.module';
import { ExportJobs } from './jobs/export-jobs';
import { ExportRetention } from './jobs/export-retention.job';

const HOUR = 3_600_000;

interface JobView {
  id: string;
  status: string;
  totalRows: string | null;
  rowsWritten: string;
  progressPercent: number;
  error: string | null;
  downloadPath: string;
  filter: Record<string, unknown>;
}

describe('export jobs', () => {
  let app: TestApp;
  let storage: string;
  let finance: Awaited<ReturnType<typeof signedInStaffAs>>;
  let tenantId: string;
  let usage: Record<string, unknown>;

  beforeAll(async () => {
    storage = await mkdtemp(join(tmpdir(), 'warbler-exports-'));
    app = await startTestApp([MeteringModule, ExportsModule], {
      config: { exportStorageDir: storage, exportRetentionHours: 2 },
    });
    finance = await signedInStaffAs('FINANCE');
    const metric = await exportedMetric('SUM');
    const tenant = await reportingTenant();
    tenantId = tenant.tenant.id;
    const now = Date.now();
    const events = Array.from({ length: 120 }, (_, index) => ({
      metric: metric.code,
      quantity: String(index + 1),
      timestamp: new Date(now - 20 * HOUR + index * 10 * 60_000).toISOString(),
    }));
    expect((await reportUsage(app, tenant.key, events)).body.accepted).toBe(120);
    usage = {
      from: new Date(Math.floor((now - 24 * HOUR) / HOUR) * HOUR).toISOString(),
      to: new Date(Math.ceil((now + HOUR) / HOUR) * HOUR).toISOString(),
      tenantIds: [tenantId],
      granularity: 'HOUR',
    };
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
    await rm(storage, { recursive: true, force: true });
  });

  const create = (input: Record<string, unknown>, caller = finance.caller) =>
    graphql<{ createExportJob: JobView }>(app, caller, ExportOps.createExportJob, { input });
  const poll = async (id: string) =>
    dataOf(await graphql<{ exportJob: JobView }>(app, finance.caller, ExportOps.exportJob, { id })).exportJob;

  it('writes the export to a file in the background, shows its progress, and serves the same rows later', async () => {
    const key = randomUUID();
    const created = dataOf(await create({ kind: 'USAGE', format: 'CSV', usage, idempotencyKey: key })).createExportJob;
    expect(['QUEUED', 'RUNNING', 'SUCCEEDED']).toContain(created.status);
    await app.app.get(ExportJobs).settled();

    const done = await poll(created.id);
    expect(done).toMatchObject({ status: 'SUCCEEDED', progressPercent: 100, error: null, totalRows: '21' });
    expect(done.rowsWritten).toBe('21');
    expect(await readdir(storage)).toEqual([`${created.id}.csv`]);

    const file = await getExport(app, finance.caller, done.downloadPath, {});
    expect(file.status).toBe(200);
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename="usage-.*\.csv"$/);
    const direct = await getExport(app, finance.caller, '/v1/exports/usage', {
      from: usage['from'] as string,
      to: usage['to'] as string,
      tenantId,
      granularity: 'HOUR',
    });
    expect(file.body).toBe(direct.body);
    expect(parseCsv(file.body as string)).toHaveLength(21);

    const audited = await ownerClient().platformAuditEvent.findMany({
      where: { targetId: created.id },
      orderBy: { seq: 'asc' },
    });
    expect(audited.map((event) => event.action)).toEqual([
      'export.job_created',
      'export.job_succeeded',
      'export.job_downloaded',
    ]);
    expect(audited[1]).toMatchObject({ actorUserId: finance.user.id, details: { rows: 21, format: 'CSV' } });
    expect(audited[0].details).toMatchObject({ filter: { ...usage, billingPeriodStart: null, metrics: null } });
  });

  it('answers the same job to a retried create with the same key, and refuses the key for another filter', async () => {
    const key = randomUUID();
    const input = { kind: 'USAGE', format: 'JSONL', usage: { ...usage, granularity: 'DAY' }, idempotencyKey: key };
    const [first, second] = await Promise.all([create(input), create(input)]);
    expect(dataOf(first).createExportJob.id).toBe(dataOf(second).createExportJob.id);
    await app.app.get(ExportJobs).settled();
    const again = dataOf(await create(input)).createExportJob;
    expect(again).toMatchObject({ id: dataOf(first).createExportJob.id, status: 'SUCCEEDED' });
    expect(await ownerClient().exportJob.count({ where: { idempotencyKey: key } })).toBe(1);

    const other = await create({ ...input, usage: { ...usage, granularity: 'PERIOD' } });
    expect(outcome(other)).toBe('CONFLICT:IDEMPOTENCY_KEY_REUSED');
    const file = await getExport(app, finance.caller, again.downloadPath, {});
    expect(parseJsonLines(file.body as string).length).toBeGreaterThan(0);
  });

  it('refuses a bad filter before creating anything', async () => {
    const before = await ownerClient().exportJob.count();
    const answers = await Promise.all([
      create({ kind: 'USAGE', format: 'CSV', usage: { ...usage, from: usage['to'] }, idempotencyKey: randomUUID() }),
      create({ kind: 'USAGE', format: 'CSV', usage: { ...usage, metrics: ['nope'] }, idempotencyKey: randomUUID() }),
      create({ kind: 'USAGE', format: 'CSV', idempotencyKey: randomUUID() }),
      create({ kind: 'USAGE', format: 'CSV', usage: { ...usage, tenantIds: ['x'] }, idempotencyKey: randomUUID() }),
      create({ kind: 'INVOICES', format: 'CSV', usage, idempotencyKey: randomUUID() }),
      create({ kind: 'USAGE', format: 'CSV', usage, idempotencyKey: '' }),
    ]);
    expect(answers.map(outcome)).toEqual([
      'BAD_USER_INPUT:BAD_EXPORT_FILTER',
      'BAD_USER_INPUT:UNKNOWN_METRIC',
      'BAD_USER_INPUT:BAD_EXPORT_FILTER',
      'BAD_USER_INPUT:VALIDATION_FAILED',
      'BAD_USER_INPUT:BAD_EXPORT_FILTER',
      'BAD_USER_INPUT:VALIDATION_FAILED',
    ]);
    expect(answers[0].errors?.[0].message).toBe('from must be before to');
    expect(answers[1].errors?.[0].message).toBe('No billable metric has the code nope');
    expect(await ownerClient().exportJob.count()).toBe(before);
  });

  it('fails a job that cannot write its file, saying why, and keeps no partial file', async () => {
    const blocker = join(storage, 'not-a-directory');
    await writeFile(blocker, 'x');
    const original = app.config.exportStorageDir;
    app.config.exportStorageDir = join(blocker, 'exports');
    try {
      const job = dataOf(
        await create({ kind: 'USAGE', format: 'CSV', usage, idempotencyKey: randomUUID() }),
      ).createExportJob;
      await app.app.get(ExportJobs).settled();
      const failed = await poll(job.id);
      expect(failed.status).toBe('FAILED');
      expect(failed.error).toMatch(/ENOTDIR|not a directory/);
      const download = await getExport(app, finance.caller, failed.downloadPath, {});
      expect(download.status).toBe(409);
      expect(
        await ownerClient().platformAuditEvent.count({ where: { targetId: job.id, action: 'export.job_failed' } }),
      ).toBe(1);
    } finally {
      app.config.exportStorageDir = original;
    }
  });

  it('deletes expired jobs with their files, and fails jobs whose instance stopped', async () => {
    const job = dataOf(
      await create({ kind: 'USAGE', format: 'CSV', usage, idempotencyKey: randomUUID() }),
    ).createExportJob;
    await app.app.get(ExportJobs).settled();
    const path = join(storage, `${job.id}.csv`);
    expect(existsSync(path)).toBe(true);
    await ownerClient().exportJob.update({ where: { id: job.id }, data: { expiresAt: new Date(Date.now() - 1000) } });

    const orphan = await ownerClient().exportJob.create({
      data: {
        id: randomUUID(),
        kind: 'USAGE',
        format: 'CSV',
        filter: {},
        status: 'RUNNING',
        requestedByUserId: finance.user.id,
        idempotencyKey: randomUUID(),
        updatedAt: new Date(Date.now() - 10 * 60_000),
        expiresAt: new Date(Date.now() + HOUR),
      },
    });
    await writeFile(join(storage, `${orphan.id}.csv.part`), 'partial');

    expect(await app.app.get(PeriodicJobs).runNow(ExportRetention.jobName)).toBe(true);

    expect(existsSync(path)).toBe(false);
    expect(await ownerClient().exportJob.findUnique({ where: { id: job.id } })).toBeNull();
    expect((await getExport(app, finance.caller, job.downloadPath, {})).status).toBe(404);
    expect(outcome(await graphql(app, finance.caller, ExportOps.exportJob, { id: job.id }))).toBe('NOT_FOUND');

    const abandoned = await ownerClient().exportJob.findUniqueOrThrow({ where: { id: orphan.id } });
    expect(abandoned.status).toBe('FAILED');
    expect(abandoned.error).toMatch(/stopped before it finished/);
    expect(existsSync(join(storage, `${orphan.id}.csv.part`))).toBe(false);
  });

  it('lets only FINANCE download a job file', async () => {
    const job = dataOf(
      await create({ kind: 'USAGE', format: 'CSV', usage, idempotencyKey: randomUUID() }),
    ).createExportJob;
    await app.app.get(ExportJobs).settled();
    const support = await signedInStaffAs('SUPPORT');
    const admin = await signedInStaffAs('PLATFORM_ADMIN');
    expect((await getExport(app, support.caller, job.downloadPath, {})).status).toBe(403);
    expect((await getExport(app, admin.caller, job.downloadPath, {})).status).toBe(403);
    expect((await getExport(app, null, job.downloadPath, {})).status).toBe(401);
    expect((await getExport(app, finance.caller, job.downloadPath, {})).status).toBe(200);
  });
});
