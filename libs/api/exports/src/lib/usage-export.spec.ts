import { Decimal } from 'decimal.js';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { graphql, outcome, startTestApp, type TestApp } from '@warbler/api/access/testing';
import { callersOfEveryRole, signedInStaffAs } from '@warbler/api/billing/testing';
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

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Granularity = 'HOUR' | 'DAY' | 'PERIOD';
interface RawEvent {
  tenant_id: string;
  code: string;
  aggregation: string;
  property: string | null;
  quantity: string;
  occurred_at: Date;
  received_at: Date;
  properties: Record<string, unknown>;
  period_start: Date;
}

/**
 * The brute-force recount: every raw usage event of the tenants, folded by hand per bucket, with
 * nothing taken from rollups or period totals. UNIQUE_COUNT counts each value once per billing
 * period, in the bucket of its earliest event (the events are sent in time order).
 */
async function recount(tenantIds: string[], granularity: Granularity): Promise<Map<string, string>> {
  const events = await ownerClient().$queryRaw<RawEvent[]>`
    SELECT e.tenant_id::text, m.code, m.aggregation::text, m.property, e.quantity::text, e.occurred_at, e.received_at,
           e.properties, s.current_period_start AS period_start
    FROM usage_events e JOIN billable_metrics m ON m.id = e.metric_id JOIN subscriptions s ON s.tenant_id = e.tenant_id
    WHERE e.tenant_id = ANY (${tenantIds}::uuid[])
    ORDER BY e.occurred_at, e.received_at`;
  const bucketOf = (event: RawEvent) => {
    const at = event.occurred_at.getTime();
    if (granularity === 'HOUR') return new Date(Math.floor(at / HOUR) * HOUR);
    if (granularity === 'DAY') return new Date(Math.floor(at / DAY) * DAY);
    return event.period_start;
  };
  const values = new Map<string, Decimal>();
  const latestAt = new Map<string, number>();
  const seen = new Set<string>();
  for (const event of events) {
    const key = `${event.tenant_id}|${event.code}|${bucketOf(event).toISOString()}`;
    const quantity = new Decimal(event.quantity);
    const current = values.get(key);
    switch (event.aggregation) {
      case 'COUNT':
        values.set(key, (current ?? new Decimal(0)).plus(1));
        break;
      case 'SUM':
        values.set(key, (current ?? new Decimal(0)).plus(quantity));
        break;
      case 'MAX':
        values.set(key, current ? Decimal.max(current, quantity) : quantity);
        break;
      case 'LATEST':
        if (!current || event.occurred_at.getTime() >= (latestAt.get(key) ?? 0)) {
          values.set(key, quantity);
          latestAt.set(key, event.occurred_at.getTime());
        }
        break;
      case 'UNIQUE_COUNT': {
        const value = event.properties[event.property as string];
        const distinct = `${event.tenant_id}|${event.code}|${event.period_start.toISOString()}|${JSON.stringify(value)}`;
        values.set(key, (current ?? new Decimal(0)).plus(seen.has(distinct) ? 0 : 1));
        seen.add(distinct);
        break;
      }
    }
  }
  return new Map([...values].map(([key, value]) => [key, value.toString()]));
}

/** Exported values keyed like the recount: PERIOD rows by their billing period, HOUR and DAY rows by their bucket. */
const exported = (rows: Record<string, unknown>[], granularity: Granularity) =>
  new Map(
    rows.map((row) => [
      `${row['tenant_id']}|${row['metric']}|${granularity === 'PERIOD' ? row['billing_period_start'] : row['bucket_start']}`,
      new Decimal(row['value'] as string).toString(),
    ]),
  );

describe('usage export', () => {
  let app: TestApp;
  let storage: string;
  let finance: Awaited<ReturnType<typeof signedInStaffAs>>;
  let tenants: Awaited<ReturnType<typeof reportingTenant>>[];
  let codes: string[];
  let range: { from: string; to: string };

  beforeAll(async () => {
    storage = await mkdtemp(join(tmpdir(), 'warbler-exports-'));
    app = await startTestApp([MeteringModule, ExportsModule], { config: { exportStorageDir: storage } });
    finance = await signedInStaffAs('FINANCE');
    const metrics = await Promise.all([
      exportedMetric('SUM'),
      exportedMetric('COUNT'),
      exportedMetric('MAX'),
      exportedMetric('LATEST'),
      exportedMetric('UNIQUE_COUNT'),
    ]);
    codes = metrics.map((metric) => metric.code);
    tenants = [await reportingTenant(), await reportingTenant()];
    // Events over the last 22 hours (the fixture's period started 24 hours ago), oldest first.
    const now = Date.now();
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647);
    for (const tenant of tenants) {
      const events = Array.from({ length: 400 }, (_, index) => {
        const metric = codes[next() % codes.length];
        return {
          metric,
          quantity: `${next() % 1000}.${String(next() % 1000).padStart(3, '0')}`,
          timestamp: new Date(now - 22 * HOUR + index * ((21 * HOUR) / 400) + (next() % 1000)).toISOString(),
          properties: { user_id: `user-${next() % 37}` },
        };
      });
      for (let start = 0; start < events.length; start += 100) {
        const answer = await reportUsage(app, tenant.key, events.slice(start, start + 100));
        expect(answer.body.accepted).toBe(100);
      }
    }
    range = {
      from: new Date(Math.floor((now - 2 * DAY) / HOUR) * HOUR).toISOString(),
      to: new Date(Math.ceil((now + HOUR) / HOUR) * HOUR).toISOString(),
    };
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
    await rm(storage, { recursive: true, force: true });
  });

  const tenantIds = () => tenants.map((tenant) => tenant.tenant.id);

  it.each(['HOUR', 'DAY', 'PERIOD'] as const)(
    'equals a brute-force recount of the raw events per %s, for COUNT, SUM, MAX, LATEST and UNIQUE_COUNT',
    async (granularity) => {
      const answer = await getExport(app, finance.caller, '/v1/exports/usage', {
        ...range,
        tenantId: tenantIds(),
        metric: codes,
        granularity,
        format: 'csv',
      });
      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toMatch(/^text\/csv/);
      const rows = parseCsv(answer.body as string);
      expect(Object.keys(rows[0])).toEqual([
        'tenant_id',
        'tenant_slug',
        'metric',
        'aggregation',
        'billing_period_start',
        'bucket_start',
        'bucket_end',
        'value',
        'event_count',
      ]);
      const expected = await recount(tenantIds(), granularity);
      expect(exported(rows, granularity)).toEqual(expected);
      expect(new Set(rows.map((row) => row['aggregation']))).toEqual(
        new Set(['SUM', 'COUNT', 'MAX', 'LATEST', 'UNIQUE_COUNT']),
      );
      const events = rows.reduce((sum, row) => sum + Number(row['event_count']), 0);
      expect(events).toBe(800);
    },
  );

  it('answers the same rows as JSON lines', async () => {
    const query = { ...range, tenantId: tenantIds(), granularity: 'DAY' };
    const csv = await getExport(app, finance.caller, '/v1/exports/usage', { ...query, format: 'csv' });
    const jsonl = await getExport(app, finance.caller, '/v1/exports/usage', { ...query, format: 'jsonl' });
    expect(jsonl.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const lines = parseJsonLines(jsonl.body as string);
    expect(lines.map((line) => ({ ...line, event_count: String(line['event_count']) }))).toEqual(
      parseCsv(csv.body as string),
    );
    expect(typeof lines[0]['event_count']).toBe('number');
  });

  it("exports one tenant's billing period, equal to its period totals and to the recount", async () => {
    const tenant = tenants[0].tenant;
    const { currentPeriodStart, currentPeriodEnd } = await ownerClient().subscription.findUniqueOrThrow({
      where: { tenantId: tenant.id },
    });
    const answer = await getExport(app, finance.caller, '/v1/exports/usage', {
      billingPeriodStart: currentPeriodStart.toISOString(),
      tenantId: tenant.id,
      granularity: 'PERIOD',
      format: 'jsonl',
    });
    const lines = parseJsonLines(answer.body as string);
    expect(lines).toHaveLength(5);
    for (const line of lines) {
      expect(line['bucket_start']).toBe(currentPeriodStart.toISOString());
      expect(line['bucket_end']).toBe(currentPeriodEnd.toISOString());
    }
    const totals = await ownerClient().usagePeriodTotal.findMany({
      where: { tenantId: tenant.id },
      include: { metric: true },
    });
    expect(new Map(lines.map((line) => [line['metric'], new Decimal(line['value'] as string).toString()]))).toEqual(
      new Map(totals.map((total) => [total.metric.code, new Decimal(total.value.toString()).toString()])),
    );
    const expected = [...(await recount([tenant.id], 'PERIOD'))];
    expect(exported(lines, 'PERIOD')).toEqual(new Map(expected));
  });

  it("keeps to the tenants asked for: one tenant's export holds no row of another", async () => {
    const [a, b] = tenants.map((tenant) => tenant.tenant.id);
    const answer = await getExport(app, finance.caller, '/v1/exports/usage', { ...range, tenantId: a, format: 'csv' });
    const rows = parseCsv(answer.body as string);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row['tenant_id'] === a)).toBe(true);
    expect(rows.some((row) => row['tenant_id'] === b)).toBe(false);
  });

  it.each([
    [{ from: '2026-11-01T00:30:00Z', to: '2026-11-02T00:00:00Z' }, 'from and to must be whole UTC hours'],
    [{ from: '2026-11-02T00:00:00Z', to: '2026-11-01T00:00:00Z' }, 'from must be before to'],
    [{ from: 'yesterday', to: '2026-11-01T00:00:00Z' }, 'from must be an ISO 8601 date-time'],
    [{ to: '2026-11-01T00:00:00Z' }, 'Give from and to'],
    [
      { from: '2026-11-01T00:00:00Z', to: '2026-11-02T00:00:00Z', billingPeriodStart: '2026-11-01T00:00:00Z' },
      'either from and to, or billingPeriodStart',
    ],
    [{ from: '2026-11-01T00:00:00Z', to: '2026-11-02T00:00:00Z', granularity: 'WEEK' }, 'granularity must be one of'],
    [{ from: '2026-11-01T00:00:00Z', to: '2026-11-02T00:00:00Z', format: 'xlsx' }, 'format must be csv or jsonl'],
    [{ from: '2026-11-01T00:00:00Z', to: '2026-11-02T00:00:00Z', metric: 'no_such_metric' }, 'no_such_metric'],
    [{ from: '2026-11-01T00:00:00Z', to: '2026-11-02T00:00:00Z', tenantId: 'not-a-uuid' }, 'not UUIDs: not-a-uuid'],
    [{ from: '2026-11-01T00:00:00Z', to: '2026-11-02T00:00:00Z', tenantId: randomUUID() }, 'No tenant has the id'],
    [{ from: '2026-11-01T00:00:00Z', to: '2026-11-02T00:00:00Z', tenant: 'x' }, 'Unknown parameter tenant'],
  ])('refuses a bad filter %j with 400 BAD_USER_INPUT naming the problem', async (query, message) => {
    const answer = await getExport(app, finance.caller, '/v1/exports/usage', query as Record<string, string>);
    expect(answer.status).toBe(400);
    const body = JSON.parse(answer.body as string) as { code: string; message: string };
    expect(body.code).toBe('BAD_USER_INPUT');
    expect(body.message).toContain(message);
  });

  it('lets FINANCE export and nobody else: not support, not the platform admin, not any tenant role', async () => {
    const callers = await callersOfEveryRole(tenants[0].tenant.id);
    const statuses: Record<string, number> = {};
    for (const [who, caller] of callers) {
      const answer = await getExport(app, caller, '/v1/exports/usage', { ...range, granularity: 'PERIOD' });
      statuses[who] = answer.status;
    }
    expect(statuses).toEqual({
      PLATFORM_ADMIN: 403,
      SUPPORT: 403,
      FINANCE: 200,
      OWNER: 403,
      ADMIN: 403,
      BILLING_ADMIN: 403,
      MEMBER: 403,
      STAFF_WITHOUT_MFA: 401,
      ANONYMOUS: 401,
    });
    const graphqlOutcomes: Record<string, string[]> = {};
    for (const [who, caller] of callers) {
      graphqlOutcomes[who] = [
        outcome(await graphql(app, caller, ExportOps.exportJobs)),
        outcome(
          await graphql(app, caller, ExportOps.revenueSummary, {
            from: '2001-01-01T00:00:00Z',
            to: '2001-01-31T00:00:00Z',
          }),
        ),
        outcome(
          await graphql(app, caller, ExportOps.createExportJob, {
            input: {
              kind: 'USAGE',
              format: 'CSV',
              usage: { ...range, tenantIds: [tenants[0].tenant.id], granularity: 'PERIOD' },
              idempotencyKey: randomUUID(),
            },
          }),
        ),
      ];
    }
    const refused = (code: string) => [code, code, code];
    expect(graphqlOutcomes).toEqual({
      PLATFORM_ADMIN: refused('FORBIDDEN'),
      SUPPORT: refused('FORBIDDEN'),
      FINANCE: ['OK', 'OK', 'OK'],
      OWNER: refused('FORBIDDEN'),
      ADMIN: refused('FORBIDDEN'),
      BILLING_ADMIN: refused('FORBIDDEN'),
      MEMBER: refused('FORBIDDEN'),
      STAFF_WITHOUT_MFA: refused('MFA_REQUIRED:MFA_ENROLMENT_REQUIRED'),
      ANONYMOUS: refused('UNAUTHENTICATED'),
    });
  });

  it('records each export in the platform audit log: who, the filter, when and the rows sent', async () => {
    const since = new Date();
    const answer = await getExport(app, finance.caller, '/v1/exports/usage', {
      ...range,
      tenantId: tenantIds(),
      granularity: 'HOUR',
      format: 'csv',
    });
    const rows = parseCsv(answer.body as string).length;
    const events = await ownerClient().platformAuditEvent.findMany({
      where: { actorUserId: finance.user.id, action: 'export.usage_streamed', occurredAt: { gte: since } },
    });
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event).toMatchObject({ actorEmail: finance.user.email, actorStaffRole: 'FINANCE', targetType: 'export' });
    expect(event.details).toMatchObject({
      format: 'CSV',
      rows,
      completed: true,
      filter: { ...range, tenantIds: tenantIds(), granularity: 'HOUR', metrics: null },
    });
    expect(event.occurredAt.getTime()).toBeGreaterThanOrEqual(since.getTime());
  });

  it('keeps the platform audit log append-only, for its owner too', async () => {
    await ownerClient().platformAuditEvent.create({
      data: { id: randomUUID(), action: 'test.append_only', targetType: 'test' },
    });
    await expect(ownerClient().$executeRaw`UPDATE platform_audit_events SET action = 'x'`).rejects.toThrow(
      /append-only/,
    );
    await expect(ownerClient().$executeRaw`DELETE FROM platform_audit_events`).rejects.toThrow(/append-only/);
  });
});
