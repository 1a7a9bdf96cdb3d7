import type { InvoiceFieldsFragment } from '@warbler/console/data-access';
import { creditableInvoice, creditableMinor, creditNoteDraft } from './credit-note-draft';

const line = (id: string, description: string, amountMinor: string) => ({
  id,
  position: 1,
  kind: 'BASE_FEE' as const,
  description,
  metricCode: null,
  tierIndex: null,
  quantity: '1',
  unitPrice: '0',
  amountMinor,
  periodStart: '2026-03-01T00:00:00.000Z',
  periodEnd: '2026-04-01T00:00:00.000Z',
  explain: {},
});

/** $100.00 base fee and $33.33 of seats, 20% tax: 13,333 + 2,667 = 16,000 cents. */
const invoice = {
  id: 'inv-1',
  number: 'WB-2026-000042',
  status: 'OPEN',
  currency: 'USD',
  subtotalMinor: '13333',
  taxMinor: '2667',
  taxRatePercent: '20',
  totalMinor: '16000',
  amountPaidMinor: '0',
  amountCreditedMinor: '0',
  amountDueMinor: '16000',
  lines: [
    line('base', 'Team base fee', '10000'),
    line('seats', 'Seats', '3333'),
    line('credit', 'Unused time', '-500'),
  ],
  creditNotes: [],
} as unknown as InvoiceFieldsFragment;

describe('creditNoteDraft', () => {
  it('computes the tax on the credited subtotal, rounded half-even once, and the total', () => {
    // 33.33 × 20% = 6.666 → 6.67
    expect(creditNoteDraft(invoice, [{ invoiceLineId: 'seats', description: '', amount: '33.33' }])).toEqual({
      ok: true,
      lines: [{ invoiceLineId: 'seats', description: null, amountMinor: '3333' }],
      totals: { subtotalMinor: '3333', taxMinor: '667', totalMinor: '4000' },
    });
  });

  it('gives back exactly the invoice tax when everything is credited', () => {
    const draft = creditNoteDraft(invoice, [
      { invoiceLineId: 'base', description: '', amount: '100' },
      { invoiceLineId: 'seats', description: '', amount: '33.33' },
    ]);
    expect(draft).toMatchObject({
      ok: true,
      totals: { subtotalMinor: '13333', taxMinor: '2667', totalMinor: '16000' },
    });
  });

  it('takes a free-standing amount with its description', () => {
    expect(
      creditNoteDraft(invoice, [{ invoiceLineId: null, description: ' Goodwill for the outage ', amount: '5' }]),
    ).toMatchObject({
      ok: true,
      lines: [{ invoiceLineId: null, description: 'Goodwill for the outage', amountMinor: '500' }],
      totals: { subtotalMinor: '500', taxMinor: '100', totalMinor: '600' },
    });
  });

  it('says which line asks for what cannot be credited', () => {
    expect(creditNoteDraft(invoice, [])).toEqual({ ok: false, problem: 'Choose at least one line to credit' });
    expect(creditNoteDraft(invoice, [{ invoiceLineId: 'seats', description: '', amount: '33.34' }], 'en-US')).toEqual({
      ok: false,
      problem: 'At most $33.33 of “Seats” can be credited',
      index: 0,
    });
    expect(
      creditNoteDraft(invoice, [
        { invoiceLineId: 'base', description: '', amount: '1' },
        { invoiceLineId: 'seats', description: '', amount: '1.005' },
      ]),
    ).toEqual({ ok: false, problem: 'USD has 2 decimals at most', index: 1 });
    expect(creditNoteDraft(invoice, [{ invoiceLineId: null, description: ' ', amount: '5' }])).toEqual({
      ok: false,
      problem: 'Describe the amount credited',
      index: 0,
    });
    expect(
      creditNoteDraft(
        invoice,
        [{ invoiceLineId: null, description: 'Everything and more', amount: '133.34' }],
        'en-US',
      ),
    ).toEqual({ ok: false, problem: 'At most $133.33 of this invoice can still be credited' });
  });

  it('counts what earlier credit notes took from each line and from the invoice', () => {
    const credited = {
      ...invoice,
      amountCreditedMinor: '1200',
      creditNotes: [
        {
          id: 'cn-1',
          subtotalMinor: '1000',
          taxMinor: '200',
          lines: [
            { id: 'cnl-1', position: 1, invoiceLineId: 'base', description: 'Team base fee', amountMinor: '1000' },
          ],
        },
      ],
    } as unknown as InvoiceFieldsFragment;
    const creditable = creditableInvoice(credited);
    expect(creditableMinor(creditable, 'base')).toBe(9000n);
    expect(creditableMinor(creditable, 'seats')).toBe(3333n);
    expect(creditableMinor(creditable, 'credit')).toBe(0n);
    expect(creditNoteDraft(credited, [{ invoiceLineId: 'base', description: '', amount: '90.01' }], 'en-US')).toEqual({
      ok: false,
      problem: 'At most $90.00 of “Team base fee” can be credited',
      index: 0,
    });
    // The rest of the invoice: 12,333 more; tax at 13,333 credited is the invoice's 2,667, less the 200 taken.
    expect(
      creditNoteDraft(credited, [
        { invoiceLineId: 'base', description: '', amount: '90' },
        { invoiceLineId: 'seats', description: '', amount: '33.33' },
      ]),
    ).toMatchObject({ ok: true, totals: { subtotalMinor: '12333', taxMinor: '2467', totalMinor: '14800' } });
  });
});
