import { Prisma } from '@warbler/api/core';
import { pdfText, pdfTextRuns } from '../testing/pdf-text';
import { creditNoteDocument, type CreditNoteWithInvoice, invoiceDocument } from './documents/billing-document';
import { escapeHtml, renderDocumentHtml } from './documents/document-html';
import { renderDocumentPdf, winAnsiText } from './documents/document-pdf';
import { loadInvoiceIssuer } from './documents/invoice-issuer';
import type { InvoiceRow } from './shared/invoice-rows';

const issuer = { name: 'Warbler Inc.', addressLines: ['1 Bird Street', 'Springfield'] };
const at = (iso: string) => new Date(iso);

function invoiceRow(overrides: Partial<InvoiceRow> = {}): InvoiceRow {
  const base = {
    tenantId: 't-1',
    id: '019ab000-0000-7000-8000-000000000001',
    subscriptionId: 's-1',
    planVersionId: 'pv-1',
    periodStart: at('2026-04-01T00:00:00Z'),
    periodEnd: at('2026-05-01T00:00:00Z'),
    currency: 'USD',
    status: 'OPEN',
    number: 'WB-2026-000123',
    // 49.00 + 3 × 8.00 + 12,345.6789 messages × 0.0004 = 4.94 → 77.94; tax 20 %: 15.588 → 15.59.
    subtotalMinor: 7794n,
    taxMinor: 1559n,
    totalMinor: 9353n,
    taxRatePercent: new Prisma.Decimal('20'),
    amountPaidMinor: 2000n,
    amountCreditedMinor: 1200n,
    creditsAppliedMinor: 0n,
    stripeInvoiceId: null,
    issuedAt: at('2026-05-01T00:05:00Z'),
    dueAt: at('2026-05-15T00:05:00Z'),
    paidAt: null,
    voidedAt: null,
    voidReason: null,
    createdAt: at('2026-05-01T00:00:00Z'),
    tenant: { name: 'Acme <Chat> & "Friends"' },
    lines: [
      ['Team v2 base fee', '1', '49', 4900n],
      ['Seats above 5 included (3 × 8.00)', '3', '8', 2400n],
      ['Messages sent (12,345.6789 × 0.0004)', '12345.6789', '0.0004', 494n],
    ].map(([description, quantity, unitPrice, amountMinor], index) => ({
      tenantId: 't-1',
      id: `line-${index + 1}`,
      invoiceId: '019ab000-0000-7000-8000-000000000001',
      position: index + 1,
      kind: 'BASE_FEE',
      description,
      metricId: null,
      tierIndex: null,
      quantity: new Prisma.Decimal(quantity as string),
      unitPrice: new Prisma.Decimal(unitPrice as string),
      amountMinor,
      periodStart: at('2026-04-01T00:00:00Z'),
      periodEnd: at('2026-05-01T00:00:00Z'),
      explain: {},
      metric: null,
    })),
    payments: [],
    creditNotes: [],
    creditMovements: [],
  };
  return { ...base, ...overrides } as unknown as InvoiceRow;
}

describe('invoice and credit note documents', () => {
  describe('the figures they print', () => {
    it('formats money with the currency’s own decimals, thousands grouped', () => {
      const document = invoiceDocument(invoiceRow(), issuer);
      expect(document.totals.map((total) => [total.label, total.amount])).toEqual([
        ['Subtotal', '77.94 USD'],
        ['Tax (20 %)', '15.59 USD'],
        ['Total', '93.53 USD'],
        ['Paid', '20.00 USD'],
        ['Credited', '12.00 USD'],
        // 93.53 − 20.00 − 12.00
        ['Amount due', '61.53 USD'],
      ]);
      expect(document.rows[2]).toEqual({
        description: 'Messages sent (12,345.6789 × 0.0004)',
        quantity: '12,345.6789',
        unitPrice: '0.0004',
        amount: '4.94 USD',
      });
      expect(document.rows[1].unitPrice).toBe('8.00');
    });

    it('shows the prepaid credits applied, the grants they came from, and what is left due', () => {
      const movement = (grantId: string, reason: string, amountMinor: bigint) => ({
        grantId,
        kind: 'APPLIED',
        amountMinor,
        grant: { kind: 'PROMOTIONAL', reason, expiresAt: null },
      });
      const document = invoiceDocument(
        invoiceRow({
          amountPaidMinor: 0n,
          amountCreditedMinor: 0n,
          // 30.00 from the first grant, 10.00 from the second.
          creditsAppliedMinor: 4000n,
          creditMovements: [movement('g-1', 'Launch promotion', -3000n), movement('g-2', 'Prepaid pack', -1000n)],
        } as unknown as Partial<InvoiceRow>),
        issuer,
      );
      expect(document.totals.map((total) => [total.label, total.amount])).toEqual([
        ['Subtotal', '77.94 USD'],
        ['Tax (20 %)', '15.59 USD'],
        ['Total', '93.53 USD'],
        ['Prepaid credits applied', '40.00 USD'],
        ['Paid', '0.00 USD'],
        ['Credited', '0.00 USD'],
        // 93.53 − 40.00
        ['Amount due', '53.53 USD'],
      ]);
      expect(document.notes).toEqual([
        'Prepaid credits: 30.00 USD from “Launch promotion”',
        'Prepaid credits: 10.00 USD from “Prepaid pack”',
      ]);
    });

    it('prints yen without decimals and dinars with three', () => {
      const yen = invoiceDocument(
        invoiceRow({ currency: 'JPY', subtotalMinor: 1_234_567n, taxMinor: 0n, totalMinor: 1_234_567n }),
        issuer,
      );
      expect(yen.totals[0].amount).toBe('1,234,567 JPY');
      expect(yen.rows[0].unitPrice).toBe('49');
      const dinar = invoiceDocument(
        invoiceRow({ currency: 'KWD', subtotalMinor: 12_345n, taxMinor: 5n, totalMinor: 12_350n }),
        issuer,
      );
      expect(dinar.totals.slice(0, 3).map((total) => total.amount)).toEqual(['12.345 KWD', '0.005 KWD', '12.350 KWD']);
      expect(dinar.rows[1].unitPrice).toBe('8.000');
    });

    it('marks drafts and void invoices, and names the file after the number', () => {
      expect(invoiceDocument(invoiceRow(), issuer)).toMatchObject({ watermark: null, fileName: 'WB-2026-000123' });
      const draft = invoiceDocument(
        invoiceRow({ status: 'DRAFT', number: null, issuedAt: null, dueAt: null, amountPaidMinor: 0n }),
        issuer,
      );
      expect(draft).toMatchObject({
        watermark: 'DRAFT',
        reference: 'Draft',
        fileName: 'draft-019ab000-0000-7000-8000-000000000001',
      });
      const voided = invoiceDocument(
        invoiceRow({ status: 'VOID', amountPaidMinor: 0n, amountCreditedMinor: 0n, voidReason: 'Sent twice' }),
        issuer,
      );
      expect(voided).toMatchObject({ watermark: 'VOID', notes: ['Void: Sent twice'] });
      expect(voided.totals.at(-1)?.amount).toBe('0.00 USD');
    });

    it('prints a credit note with the invoice it corrects, its reason, settlement and tax rate', () => {
      const note: CreditNoteWithInvoice = {
        tenantId: 't-1',
        id: 'cn-1',
        invoiceId: 'inv-1',
        number: 'CN-2026-000007',
        currency: 'USD',
        reason: 'BILLING_ERROR',
        memo: 'Seats counted twice',
        settlement: 'refund',
        subtotalMinor: 2400n,
        taxMinor: 480n,
        totalMinor: 2880n,
        issuedByUserId: 'u-1',
        issuedAt: at('2026-05-20T10:00:00Z'),
        stripeCreditNoteId: null,
        lines: [
          {
            tenantId: 't-1',
            id: 'cnl-1',
            creditNoteId: 'cn-1',
            position: 1,
            invoiceLineId: 'line-2',
            description: 'Seats',
            amountMinor: 2400n,
          },
        ],
        invoice: { number: 'WB-2026-000123', taxRatePercent: new Prisma.Decimal('20'), tenant: { name: 'Acme' } },
      };
      const document = creditNoteDocument(note, issuer);
      expect(document.facts).toEqual(
        expect.arrayContaining([
          { label: 'Credits invoice', value: 'WB-2026-000123' },
          { label: 'Reason', value: 'Billing error' },
          { label: 'Settlement', value: 'Refunded' },
        ]),
      );
      expect(document.totals.map((total) => [total.label, total.amount])).toEqual([
        ['Subtotal', '24.00 USD'],
        ['Tax (20 %)', '4.80 USD'],
        ['Total credited', '28.80 USD'],
      ]);
      expect(document.notes).toEqual(['Seats counted twice']);
    });
  });

  describe('HTML', () => {
    it('escapes every value: tenant names, descriptions and notes are user data', () => {
      const hostile = '<script>alert("x")</script>';
      const row = invoiceRow({ tenant: { name: hostile } } as Partial<InvoiceRow>);
      row.lines[0].description = `<img src=x onerror=alert(1)> & 'quoted'`;
      const html = renderDocumentHtml(invoiceDocument(row, { name: hostile, addressLines: [hostile] }));
      expect(html).not.toContain('<script>');
      expect(html).not.toContain('<img');
      expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
      expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &#39;quoted&#39;');
      expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
    });

    it('is a printable page with the number, lines and totals', () => {
      const html = renderDocumentHtml(invoiceDocument(invoiceRow(), issuer));
      expect(html).toMatch(/^<!doctype html>/);
      expect(html).toContain('@media print');
      expect(html).toContain('<title>Invoice WB-2026-000123</title>');
      expect(html).toContain('Seats above 5 included (3 × 8.00)');
      expect(html).toContain('61.53 USD');
      expect(html).not.toContain('class="watermark"');
    });
  });

  describe('PDF', () => {
    it('says who issues and who pays, the number, dates, period, every line and every total', async () => {
      const pdf = await renderDocumentPdf(invoiceDocument(invoiceRow(), issuer));
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const runs = pdfTextRuns(pdf);
      expect(runs).toEqual(
        expect.arrayContaining([
          'Warbler Inc.',
          '1 Bird Street',
          'INVOICE',
          'WB-2026-000123',
          'Acme <Chat> & "Friends"',
          '2026-05-01',
          '2026-05-15',
          '2026-04-01 to 2026-05-01',
          'Team v2 base fee',
          'Seats above 5 included (3 × 8.00)',
          '12,345.6789',
          '0.0004',
          '4.94 USD',
          'Tax (20 %)',
          '15.59 USD',
          '93.53 USD',
          'Credited',
          '12.00 USD',
          'Amount due',
          '61.53 USD',
        ]),
      );
      expect(runs).not.toContain('DRAFT');
    });

    it('watermarks every page of a draft, and carries long invoices over several pages', async () => {
      const row = invoiceRow({ status: 'DRAFT', number: null, issuedAt: null, dueAt: null, amountPaidMinor: 0n });
      row.lines = Array.from({ length: 80 }, (_, index) => ({
        ...row.lines[0],
        id: `line-${index}`,
        position: index + 1,
        description: `Usage line ${index + 1}`,
      }));
      const pdf = await renderDocumentPdf(invoiceDocument(row, issuer));
      const text = pdfText(pdf);
      const pages = (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
      expect(pages).toBeGreaterThan(1);
      // One watermark per page, and the status among the facts.
      expect(pdfTextRuns(pdf).filter((run) => run === 'DRAFT')).toHaveLength(pages + 1);
      expect(text).toContain('Usage line 1\n');
      expect(text).toContain('Usage line 80');
      expect(pdfTextRuns(pdf).filter((run) => run === 'Description')).toHaveLength(pages);
    });

    it('prints what Helvetica cannot draw as "?" rather than garbage', () => {
      expect(winAnsiText('Café – 5 € × 2\tok')).toBe('Café – 5 € × 2 ok');
      expect(winAnsiText('株式会社 Acme')).toBe('???? Acme');
    });
  });

  describe('the issuer', () => {
    it('defaults to Warbler with no address, and splits the address into lines', () => {
      expect(loadInvoiceIssuer({})).toEqual({ name: 'Warbler', addressLines: [] });
      expect(
        loadInvoiceIssuer({ INVOICE_ISSUER_NAME: ' Bird Co ', INVOICE_ISSUER_ADDRESS: '1 Bird St\\nSpringfield\n ' }),
      ).toEqual({ name: 'Bird Co', addressLines: ['1 Bird St', 'Springfield'] });
    });

    it('refuses values too long to print', () => {
      expect(() => loadInvoiceIssuer({ INVOICE_ISSUER_NAME: 'x'.repeat(501) })).toThrow(/at most 500/);
    });
  });
});
