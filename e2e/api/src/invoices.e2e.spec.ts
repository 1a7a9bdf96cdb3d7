import { randomUUID } from 'node:crypto';
import { bearerFor } from '@warbler/api/access/testing';
import { BillingOps, draftInvoiceWith, pdfText } from '@warbler/api/billing/testing';
import { closeOwnerClient, newMember, newTenant, newUser } from '@warbler/api/core/testing';
import { graphql } from './support/http';
import { startApp, type StartedApp } from './support/started-app';

/**
 * An invoice's life through the real app, as finance and the tenant see it: finance sets the tenant's
 * tax rate, issues the invoice, takes a part payment and corrects it with a credit note; the tenant's
 * owner reads the invoice with its credit note and downloads the PDF and the printable page the way
 * the console does (bearer token and X-Tenant-Id); a member and another tenant get nothing.
 */
describe('invoices end to end', () => {
  let started: StartedApp;
  let finance: Record<string, string>;
  let owner: Record<string, string>;
  let member: Record<string, string>;
  let stranger: Record<string, string>;
  let tenantId: string;

  const ok = async <T>(query: string, variables: Record<string, unknown>, headers: Record<string, string>) => {
    const answer = await graphql<T>(started.url, query, variables, headers);
    expect(answer.errors).toBeUndefined();
    return answer.data as T;
  };
  const download = (path: string, headers: Record<string, string>) => fetch(`${started.url}${path}`, { headers });

  beforeAll(async () => {
    started = await startApp();
    const tenant = await newTenant({ name: 'Acme <Chat>' });
    tenantId = tenant.id;
    const staff = await newUser({ staffRole: 'FINANCE' });
    finance = { authorization: `Bearer ${await bearerFor(staff)}` };
    const ownerMember = await newMember(tenantId, 'OWNER');
    owner = { authorization: `Bearer ${await bearerFor(ownerMember.user)}`, 'x-tenant-id': tenantId };
    const plainMember = await newMember(tenantId, 'MEMBER');
    member = { authorization: `Bearer ${await bearerFor(plainMember.user)}`, 'x-tenant-id': tenantId };
    const otherTenant = await newTenant();
    const otherOwner = await newMember(otherTenant.id, 'OWNER');
    stranger = { authorization: `Bearer ${await bearerFor(otherOwner.user)}`, 'x-tenant-id': otherTenant.id };
  });

  afterAll(async () => {
    await started.close();
    await closeOwnerClient();
  });

  it('sets the tax rate, issues, pays in part, credits, and serves the documents to the right people only', async () => {
    const rate = await ok<{ setTenantTaxRate: { taxRatePercent: string } }>(
      BillingOps.setTenantTaxRate,
      { tenantId, taxRatePercent: '20' },
      finance,
    );
    expect(rate.setTenantTaxRate.taxRatePercent).toBe('20');
    expect(
      (await ok<{ tenantTaxRate: { taxRatePercent: string } }>(BillingOps.tenantTaxRate, {}, owner)).tenantTaxRate,
    ).toEqual({ tenantId, tenantName: 'Acme <Chat>', taxRatePercent: '20' });

    // 49.00 + 24.00 + 12.34 = 85.34; tax 20 % = 17.068 → 17.07; total 102.41.
    const draft = await draftInvoiceWith(tenantId, {
      currency: 'USD',
      taxRatePercent: '20',
      lines: [
        { description: 'Team v1 base fee', amountMinor: 4900n },
        { description: 'Seats (3 × 8.00)', amountMinor: 2400n, quantity: '3', unitPrice: '8' },
        { description: 'Messages (30,850 × 0.0004)', amountMinor: 1234n, quantity: '30850', unitPrice: '0.0004' },
      ],
    });
    const { finalizeInvoice: invoice } = await ok<{
      finalizeInvoice: { id: string; number: string; totalMinor: string };
    }>(BillingOps.finalizeInvoice, { id: draft.id }, finance);
    expect(invoice.totalMinor).toBe('10241');
    await ok(
      BillingOps.recordInvoicePayment,
      { id: invoice.id, amountMinor: '5000', method: 'BANK_TRANSFER' },
      finance,
    );

    // 10.00 of messages: tax 2.00, 12.00 in all; 102.41 − 50.00 − 12.00 = 40.41 still due.
    const key = randomUUID();
    const input = {
      invoiceId: invoice.id,
      reason: 'BILLING_ERROR',
      memo: 'Messages counted twice',
      lines: [{ invoiceLineId: draft.lines[2].id, amountMinor: '1000' }],
    };
    const { issueCreditNote: note } = await ok<{ issueCreditNote: { id: string; number: string; totalMinor: string } }>(
      BillingOps.issueCreditNote,
      { input, idempotencyKey: key },
      finance,
    );
    expect(note.number).toMatch(/^CN-\d{4}-\d{6,}$/);
    expect(note.totalMinor).toBe('1200');
    const retried = await ok<{ issueCreditNote: { id: string } }>(
      BillingOps.issueCreditNote,
      { input, idempotencyKey: key },
      finance,
    );
    expect(retried.issueCreditNote.id).toBe(note.id);

    const { invoice: seen } = await ok<{
      invoice: { amountCreditedMinor: string; amountDueMinor: string; creditNotes: { number: string }[] };
    }>(BillingOps.invoice, { id: invoice.id }, owner);
    expect(seen).toMatchObject({ amountCreditedMinor: '1200', amountDueMinor: '4041' });
    expect(seen.creditNotes.map((creditNote) => creditNote.number)).toEqual([note.number]);

    const pdf = await download(`/v1/invoices/${invoice.id}.pdf`, owner);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toBe(`attachment; filename="${invoice.number}.pdf"`);
    const text = pdfText(Buffer.from(await pdf.arrayBuffer()));
    for (const expected of [invoice.number, 'Acme <Chat>', 'Messages (30,850 × 0.0004)', '102.41 USD', '40.41 USD']) {
      expect(text).toContain(expected);
    }

    const page = await download(`/v1/invoices/${invoice.id}.html`, owner);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await page.text();
    expect(html).toContain('Acme &lt;Chat&gt;');
    expect(html).toContain(note.number);

    const notePdf = await download(`/v1/credit-notes/${note.id}.pdf`, owner);
    expect(notePdf.status).toBe(200);
    expect(pdfText(Buffer.from(await notePdf.arrayBuffer()))).toContain(invoice.number);

    expect((await download(`/v1/invoices/${invoice.id}.pdf`, member)).status).toBe(403);
    expect((await download(`/v1/invoices/${invoice.id}.pdf`, stranger)).status).toBe(404);
    expect((await download(`/v1/credit-notes/${note.id}.pdf`, stranger)).status).toBe(404);
    expect((await download(`/v1/invoices/${invoice.id}.pdf`, {})).status).toBe(401);
  });
});
