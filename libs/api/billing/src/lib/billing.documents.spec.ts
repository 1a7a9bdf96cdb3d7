import { randomUUID } from 'node:crypto';
import {
  BillingOps,
  type Caller,
  callersOfEveryRole,
  closeOwnerClient,
  type CreditNoteView,
  dataOf,
  draftInvoiceWith,
  EVERYONE,
  graphql,
  type InvoiceView,
  newTenant,
  pdfText,
  signedInStaffAs,
  signedInTenantMember,
  startTestApp,
  type TestApp,
  type Who,
} from '../testing';
import { BillingModule } from './billing.module';

/*
 * Priced by hand: base fee 49.00 + 3 seats × 8.00 = 24.00 + 30,850 messages × 0.0004 = 12.34;
 * subtotal 85.34, tax 20 %: 17.068 → 17.07, total 102.41.
 */
const TERMS = {
  currency: 'USD',
  taxRatePercent: '20',
  lines: [
    { description: 'Team v1 base fee', amountMinor: 4900n, quantity: '1', unitPrice: '49' },
    { description: 'Seats above 2 included (3 × 8.00)', amountMinor: 2400n, quantity: '3', unitPrice: '8' },
    { description: 'Messages (30,850 × 0.0004)', amountMinor: 1234n, quantity: '30850', unitPrice: '0.0004' },
  ],
};

interface Download {
  status: number;
  headers: Headers;
  body: Buffer;
  json: { code?: string; reason?: string } | null;
}

describe('invoice and credit note documents over REST', () => {
  let app: TestApp;
  let finance: Caller;
  const issuerBefore = process.env['INVOICE_ISSUER_NAME'];

  const get = async (path: string, caller: Caller | null): Promise<Download> => {
    const headers: Record<string, string> = {};
    if (caller) headers['authorization'] = `Bearer ${caller.token}`;
    if (caller?.tenantId) headers['x-tenant-id'] = caller.tenantId;
    const response = await fetch(`${app.url}${path}`, { headers });
    const body = Buffer.from(await response.arrayBuffer());
    const json = response.headers.get('content-type')?.startsWith('application/json')
      ? JSON.parse(body.toString())
      : null;
    return { status: response.status, headers: response.headers, body, json };
  };
  const finalize = async (id: string) =>
    dataOf(await graphql<{ finalizeInvoice: InvoiceView }>(app, finance, BillingOps.finalizeInvoice, { id }))
      .finalizeInvoice;
  /** An issued invoice with 50.00 paid and a credit note for 10.00 of messages (12.00 with tax). */
  const documented = async (tenantName?: string) => {
    const tenant = await newTenant({ name: tenantName });
    const draft = await draftInvoiceWith(tenant.id, TERMS);
    const invoice = await finalize(draft.id);
    dataOf(
      await graphql(app, finance, BillingOps.recordInvoicePayment, {
        id: invoice.id,
        amountMinor: '5000',
        method: 'CARD',
      }),
    );
    const creditNote = dataOf(
      await graphql<{ issueCreditNote: CreditNoteView }>(app, finance, BillingOps.issueCreditNote, {
        input: {
          invoiceId: invoice.id,
          reason: 'BILLING_ERROR',
          memo: 'Messages <counted> twice',
          lines: [{ invoiceLineId: draft.lines[2].id, amountMinor: '1000' }],
        },
        idempotencyKey: randomUUID(),
      }),
    ).issueCreditNote;
    const owner = (await signedInTenantMember(tenant.id, 'OWNER')).caller;
    return { tenantId: tenant.id, invoice, creditNote, owner, draftOfTenant: await draftInvoiceWith(tenant.id, TERMS) };
  };

  beforeAll(async () => {
    process.env['INVOICE_ISSUER_NAME'] = 'Warbler Test Issuer Ltd';
    app = await startTestApp([BillingModule]);
    finance = (await signedInStaffAs('FINANCE')).caller;
  });

  afterAll(async () => {
    if (issuerBefore === undefined) delete process.env['INVOICE_ISSUER_NAME'];
    else process.env['INVOICE_ISSUER_NAME'] = issuerBefore;
    await app.close();
    await closeOwnerClient();
  });

  describe('what they say', () => {
    it('gives the tenant its invoice as a PDF attachment named after the number, with every figure', async () => {
      const { invoice, owner } = await documented('Acme Chat');

      const pdf = await get(`/v1/invoices/${invoice.id}.pdf`, owner);

      expect(pdf.status).toBe(200);
      expect(pdf.headers.get('content-type')).toBe('application/pdf');
      expect(pdf.headers.get('content-disposition')).toBe(`attachment; filename="${invoice.number}.pdf"`);
      expect(pdf.headers.get('cache-control')).toBe('private, no-store');
      expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
      const text = pdfText(pdf.body);
      for (const expected of [
        'Warbler Test Issuer Ltd',
        invoice.number ?? '',
        'Acme Chat',
        (invoice.issuedAt ?? '').slice(0, 10),
        (invoice.dueAt ?? '').slice(0, 10),
        'Team v1 base fee',
        'Seats above 2 included (3 × 8.00)',
        'Messages (30,850 × 0.0004)',
        '30,850',
        '0.0004',
        '8.00',
        '49.00 USD',
        '24.00 USD',
        '12.34 USD',
        '85.34 USD',
        'Tax (20 %)',
        '17.07 USD',
        '102.41 USD',
        // 50.00 paid, 12.00 credited: 40.41 due.
        '50.00 USD',
        '12.00 USD',
        '40.41 USD',
      ]) {
        expect(text).toContain(expected);
      }
      expect(text).not.toContain('DRAFT');
    });

    it('renders a printable HTML view with every value escaped and a policy that runs nothing', async () => {
      const { invoice, owner } = await documented('<script>alert("pwned")</script> Inc');

      const html = await get(`/v1/invoices/${invoice.id}.html`, owner);

      expect(html.status).toBe(200);
      expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(html.headers.get('content-disposition')).toBe(`inline; filename="${invoice.number}.html"`);
      expect(html.headers.get('content-security-policy')).toContain("default-src 'none'");
      const page = html.body.toString('utf8');
      expect(page).not.toContain('<script>');
      expect(page).toContain('&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; Inc');
      expect(page).toContain(invoice.number);
      expect(page).toContain('40.41 USD');
      expect(page).toContain('@media print');
    });

    it('gives the credit note as a PDF and a page, naming the invoice it corrects', async () => {
      const { invoice, creditNote, owner } = await documented();

      const pdf = await get(`/v1/credit-notes/${creditNote.id}.pdf`, owner);
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get('content-disposition')).toBe(`attachment; filename="${creditNote.number}.pdf"`);
      const text = pdfText(pdf.body);
      for (const expected of [
        'CREDIT NOTE',
        creditNote.number,
        invoice.number ?? '',
        'Billing error',
        'Deducted from the amount due',
        'Messages (30,850 × 0.0004)',
        // 10.00 credited, tax 2.00, 12.00 in all.
        '10.00 USD',
        '2.00 USD',
        '12.00 USD',
        'Messages <counted> twice',
      ]) {
        expect(text).toContain(expected);
      }

      const html = await get(`/v1/credit-notes/${creditNote.id}.html`, owner);
      expect(html.status).toBe(200);
      expect(html.body.toString('utf8')).toContain('Messages &lt;counted&gt; twice');
    });

    it('lets finance download a draft, watermarked DRAFT and named after its id', async () => {
      const { draftOfTenant } = await documented();

      const pdf = await get(`/v1/invoices/${draftOfTenant.id}.pdf`, finance);

      expect(pdf.status).toBe(200);
      expect(pdf.headers.get('content-disposition')).toBe(`attachment; filename="draft-${draftOfTenant.id}.pdf"`);
      expect(pdfText(pdf.body)).toContain('DRAFT');
      const html = await get(`/v1/invoices/${draftOfTenant.id}.html`, finance);
      expect(html.body.toString('utf8')).toContain('class="watermark"');
    });
  });

  describe('who may download what', () => {
    const OK = 200;
    /** The same for every route: tenant owners, admins and billing admins; finance and platform staff. */
    const EXPECTED: Record<Who, [number, string | null]> = {
      PLATFORM_ADMIN: [OK, null],
      SUPPORT: [403, 'FORBIDDEN'],
      FINANCE: [OK, null],
      OWNER: [OK, null],
      ADMIN: [OK, null],
      BILLING_ADMIN: [OK, null],
      MEMBER: [403, 'FORBIDDEN'],
      STAFF_WITHOUT_MFA: [401, 'MFA_REQUIRED'],
      ANONYMOUS: [401, 'UNAUTHENTICATED'],
    };
    const ROUTES = [
      ['/v1/invoices/:invoice.pdf', 'application/pdf'],
      ['/v1/invoices/:invoice.html', 'text/html; charset=utf-8'],
      ['/v1/credit-notes/:creditNote.pdf', 'application/pdf'],
      ['/v1/credit-notes/:creditNote.html', 'text/html; charset=utf-8'],
    ] as const;
    let fixture: Awaited<ReturnType<typeof documented>>;
    let callers: Map<Who, Caller | null>;
    const pathOf = (route: string, ids: { invoice: string; creditNote: string }) =>
      route.replace(':invoice', ids.invoice).replace(':creditNote', ids.creditNote);

    beforeAll(async () => {
      fixture = await documented();
      callers = await callersOfEveryRole(fixture.tenantId);
    });

    const cells = ROUTES.flatMap(([route, type]) =>
      EVERYONE.map((who) => [route, who, EXPECTED[who][0], type] as const),
    );

    it.each(cells)('%s by %s: %s', async (route, who, status, type) => {
      const answer = await get(
        pathOf(route, { invoice: fixture.invoice.id, creditNote: fixture.creditNote.id }),
        callers.get(who) ?? null,
      );

      expect(answer.status).toBe(status);
      if (status === OK) expect(answer.headers.get('content-type')).toBe(type);
      else expect(answer.json?.code).toBe(EXPECTED[who][1]);
    });

    describe('between tenants', () => {
      let other: Awaited<ReturnType<typeof documented>>;

      beforeAll(async () => {
        other = await documented('Tenant B');
      });

      it.each(ROUTES.map(([route]) => [route]))('%s: another tenant’s document is NOT_FOUND', async (route) => {
        const answer = await get(
          pathOf(route, { invoice: other.invoice.id, creditNote: other.creditNote.id }),
          fixture.owner,
        );

        expect(answer.status).toBe(404);
        expect(answer.json?.code).toBe('NOT_FOUND');
        expect(answer.body.toString()).not.toContain('Tenant B');
      });

      it('hides the tenant’s own drafts: NOT_FOUND, like another tenant’s invoice', async () => {
        for (const path of [
          `/v1/invoices/${fixture.draftOfTenant.id}.pdf`,
          `/v1/invoices/${fixture.draftOfTenant.id}.html`,
        ]) {
          const answer = await get(path, fixture.owner);
          expect(answer.status).toBe(404);
          expect(answer.json?.code).toBe('NOT_FOUND');
        }
      });

      it('refuses a caller naming a tenant they do not belong to before anything runs', async () => {
        const answer = await get(`/v1/invoices/${other.invoice.id}.pdf`, {
          ...fixture.owner,
          tenantId: other.tenantId,
        });
        expect(answer.status).toBe(403);
        expect(answer.json).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_A_MEMBER' });
      });

      it('answers NOT_FOUND for ids that are no ids, never an error from the database', async () => {
        for (const path of [
          '/v1/invoices/not-an-id.pdf',
          "/v1/credit-notes/1'%20OR%201=1.pdf",
          '/v1/invoices/%00.html',
        ]) {
          const answer = await get(path, finance);
          expect(answer.status).toBe(404);
          expect(answer.json?.code).toBe('NOT_FOUND');
        }
      });
    });
  });
});
