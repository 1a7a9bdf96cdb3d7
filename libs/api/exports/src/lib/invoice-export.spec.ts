import { randomUUID } from 'node:crypto';
import { dataOf, graphql, startTestApp, type TestApp } from '@warbler/api/access/testing';
import { BillingModule } from '@warbler/api/billing';
import { BillingOps, callersOfEveryRole, signedInStaffAs } from '@warbler/api/billing/testing';
import type { InvoiceLineKind } from '@warbler/api/core';
import { closeOwnerClient, newTenant, ownerClient } from '@warbler/api/core/testing';
import { exportedMetric, ExportOps, getExport, parseCsv, parseJsonLines } from '../testing/exports-testing';
import { ExportsModule } from './exports.module';

interface LineTerms {
  kind: InvoiceLineKind;
  description: string;
  amountMinor: bigint;
  metricId?: string;
}

/** A DRAFT invoice for an explicit period, written as the owner the way drafting stores one. */
async function draft(tenantId: string, period: { start: Date; end: Date }, lines: LineTerms[], taxMinor = 0n) {
  const owner = ownerClient();
  const subscription = await owner.subscription.findUniqueOrThrow({ where: { tenantId } });
  const subtotal = lines.reduce((sum, line) => sum + line.amountMinor, 0n);
  const invoice = await owner.invoice.create({
    data: {
      tenantId,
      subscriptionId: subscription.id,
      planVersionId: subscription.planVersionId,
      periodStart: period.start,
      periodEnd: period.end,
      currency: 'USD',
      subtotalMinor: subtotal,
      taxMinor,
      totalMinor: subtotal + taxMinor,
    },
  });
  await owner.invoiceLine.createMany({
    data: lines.map((line, index) => ({
      tenantId,
      invoiceId: invoice.id,
      position: index + 1,
      kind: line.kind,
      metricId: line.metricId ?? null,
      description: line.description,
      quantity: '1',
      unitPrice: (Number(line.amountMinor) / 100).toFixed(2),
      amountMinor: line.amountMinor,
      periodStart: period.start,
      periodEnd: period.end,
    })),
  });
  return invoice;
}

describe('invoice export and revenue summary', () => {
  let app: TestApp;
  let finance: Awaited<ReturnType<typeof signedInStaffAs>>;
  let tenantIds: string[];
  // A year of its own per run, so the revenue months hold this test's invoices only.
  const year = 2200 + Math.floor(Math.random() * 700);
  const at = (month: number, day: number) => new Date(Date.UTC(year, month - 1, day));
  const invoiceIds: Record<string, string> = {};

  beforeAll(async () => {
    app = await startTestApp([BillingModule, ExportsModule]);
    finance = await signedInStaffAs('FINANCE');
    const [a, b] = [await newTenant(), await newTenant()];
    const messages = await exportedMetric('SUM');
    tenantIds = [a.id, b.id];
    const finalize = async (id: string) =>
      dataOf(await graphql(app, finance.caller, BillingOps.finalizeInvoice, { id }));

    const open = await draft(
      a.id,
      { start: at(3, 15), end: at(4, 15) },
      [
        { kind: 'BASE_FEE', description: 'Team plan', amountMinor: 5_000n },
        { kind: 'SEATS', description: 'Seats, "extra", 2 × 10.00', amountMinor: 2_000n },
        { kind: 'USAGE', description: 'Messages\nover the included 1,000', amountMinor: 333n, metricId: messages.id },
      ],
      1_466n,
    );
    await finalize(open.id);
    invoiceIds['open'] = open.id;

    const paid = await draft(b.id, { start: at(2, 20), end: at(3, 20) }, [
      { kind: 'BASE_FEE', description: 'Team plan', amountMinor: 4_000n },
    ]);
    await finalize(paid.id);
    dataOf(
      await graphql(app, finance.caller, BillingOps.recordInvoicePayment, {
        id: paid.id,
        amountMinor: '4000',
        method: 'BANK_TRANSFER',
      }),
    );
    invoiceIds['paid'] = paid.id;

    const empty = await draft(b.id, { start: at(3, 20), end: at(4, 20) }, []);
    await finalize(empty.id);
    invoiceIds['empty'] = empty.id;

    const stillDraft = await draft(a.id, { start: at(4, 15), end: at(5, 15) }, [
      { kind: 'BASE_FEE', description: 'Team plan', amountMinor: 5_000n },
    ]);
    invoiceIds['draft'] = stillDraft.id;
  });

  afterAll(async () => {
    await app.close();
    await closeOwnerClient();
  });

  const query = (extra: Record<string, string> = {}) => ({
    from: at(2, 1).toISOString(),
    to: at(5, 1).toISOString(),
    tenantId: tenantIds,
    ...extra,
  });

  it.each(['csv', 'jsonl'])(
    'exports invoices and lines whose totals reconcile to the invoices (%s)',
    async (format) => {
      const answer = await getExport(app, finance.caller, '/v1/exports/invoices', query({ format }));
      expect(answer.status).toBe(200);
      const rows = (
        format === 'csv' ? parseCsv(answer.body as string) : parseJsonLines(answer.body as string)
      ) as Record<string, string | number | null>[];

      const invoices = await ownerClient().invoice.findMany({
        where: { tenantId: { in: tenantIds }, status: { not: 'DRAFT' } },
        include: { lines: true },
      });
      expect(invoices).toHaveLength(3);
      expect(new Set(rows.map((row) => row['invoice_id']))).toEqual(new Set(invoices.map((invoice) => invoice.id)));
      expect(rows).toHaveLength(3 + 1 + 1);

      const byInvoice = new Map<string, Record<string, string | number | null>[]>();
      for (const row of rows)
        byInvoice.set(row['invoice_id'] as string, [...(byInvoice.get(row['invoice_id'] as string) ?? []), row]);
      let exportedTotal = 0n;
      for (const [id, lines] of byInvoice) {
        const invoice = invoices.find((candidate) => candidate.id === id);
        const lineSum = lines.reduce((sum, line) => sum + BigInt((line['line_amount_minor'] as string) || '0'), 0n);
        expect(lineSum).toBe(BigInt(lines[0]['subtotal_minor'] as string));
        expect(BigInt(lines[0]['total_minor'] as string)).toBe(invoice?.totalMinor);
        expect(BigInt(lines[0]['subtotal_minor'] as string) + BigInt(lines[0]['tax_minor'] as string)).toBe(
          invoice?.totalMinor,
        );
        exportedTotal += BigInt(lines[0]['total_minor'] as string);
      }
      expect(exportedTotal).toBe(invoices.reduce((sum, invoice) => sum + invoice.totalMinor, 0n));
      expect(exportedTotal).toBe(5_000n + 2_000n + 333n + 1_466n + 4_000n);

      const usageLine = rows.find((row) => row['line_kind'] === 'USAGE');
      expect(usageLine?.['line_description']).toBe('Messages\nover the included 1,000');
      expect(rows.find((row) => row['line_kind'] === 'SEATS')?.['line_description']).toBe('Seats, "extra", 2 × 10.00');
      const emptyRow = rows.find((row) => row['invoice_id'] === invoiceIds['empty']);
      expect(emptyRow?.['line_position'] ?? null).toBe(format === 'csv' ? '' : null);
      expect(emptyRow?.['status']).toBe('PAID');
    },
  );

  it('adds drafts only when asked', async () => {
    const answer = await getExport(app, finance.caller, '/v1/exports/invoices', query({ includeDrafts: 'true' }));
    const ids = new Set(parseCsv(answer.body as string).map((row) => row['invoice_id']));
    expect(ids.has(invoiceIds['draft'])).toBe(true);
    expect(ids.size).toBe(4);
  });

  it('refuses a bad filter with 400 BAD_USER_INPUT', async () => {
    const answer = await getExport(app, finance.caller, '/v1/exports/invoices', {
      from: at(5, 1).toISOString(),
      to: at(2, 1).toISOString(),
    });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body as string)).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'from must be before to',
    });
    const missing = await getExport(app, finance.caller, '/v1/exports/invoices', { granularity: 'DAY' });
    expect(missing.status).toBe(400);
  });

  it('is FINANCE only: refused to support, the platform admin and every tenant role, own tenant included', async () => {
    const statuses: Record<string, number> = {};
    for (const [who, caller] of await callersOfEveryRole(tenantIds[0])) {
      statuses[who] = (await getExport(app, caller, '/v1/exports/invoices', query({ tenantId: tenantIds[0] }))).status;
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
  });

  it('sums revenue per month: invoiced, paid, outstanding, by plan, and MRR from recurring lines', async () => {
    const answer = dataOf(
      await graphql<{ revenueSummary: Record<string, unknown>[] }>(app, finance.caller, ExportOps.revenueSummary, {
        from: at(2, 1).toISOString(),
        to: at(4, 30).toISOString(),
      }),
    ).revenueSummary;
    const plan = await ownerClient().subscription.findUniqueOrThrow({
      where: { tenantId: tenantIds[0] },
      include: { planVersion: { include: { plan: true } } },
    });
    const planB = await ownerClient().subscription.findUniqueOrThrow({
      where: { tenantId: tenantIds[1] },
      include: { planVersion: { include: { plan: true } } },
    });
    expect(answer).toEqual([
      {
        month: at(2, 1).toISOString(),
        currency: 'USD',
        invoiceCount: 1,
        invoicedMinor: '4000',
        paidMinor: '4000',
        creditedMinor: '0',
        outstandingMinor: '0',
        mrrMinor: '0',
        byPlan: [
          { planCode: planB.planVersion.plan.code, planName: planB.planVersion.plan.name, invoicedMinor: '4000' },
        ],
      },
      {
        month: at(3, 1).toISOString(),
        currency: 'USD',
        invoiceCount: 2,
        invoicedMinor: '8799',
        paidMinor: '0',
        creditedMinor: '0',
        outstandingMinor: '8799',
        mrrMinor: '4000',
        byPlan: expect.arrayContaining([
          { planCode: plan.planVersion.plan.code, planName: plan.planVersion.plan.name, invoicedMinor: '8799' },
          { planCode: planB.planVersion.plan.code, planName: planB.planVersion.plan.name, invoicedMinor: '0' },
        ]),
      },
      {
        month: at(4, 1).toISOString(),
        currency: 'USD',
        invoiceCount: 0,
        invoicedMinor: '0',
        paidMinor: '0',
        creditedMinor: '0',
        outstandingMinor: '0',
        mrrMinor: '7000',
        byPlan: [],
      },
    ]);
  });

  it('records each invoice export in the platform audit log with its row count', async () => {
    const since = new Date();
    await getExport(app, finance.caller, '/v1/exports/invoices', query({ format: 'jsonl' }));
    const [event] = await ownerClient().platformAuditEvent.findMany({
      where: { actorUserId: finance.user.id, action: 'export.invoices_streamed', occurredAt: { gte: since } },
    });
    expect(event.details).toMatchObject({ format: 'JSONL', rows: 5, completed: true, filter: { tenantIds } });
  });

  it('keeps ids unguessable: an unknown job id is NOT_FOUND', async () => {
    const answer = await getExport(app, finance.caller, `/v1/exports/jobs/${randomUUID()}/file`, {});
    expect(answer.status).toBe(404);
  });
});
