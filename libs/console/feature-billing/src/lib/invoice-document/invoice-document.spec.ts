import { LOCALE_ID } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { type InvoiceFieldsFragment, PermissionsService } from '@warbler/console/data-access';
import { InvoiceDocument } from './invoice-document';

const PERIOD = { periodStart: '2026-03-01T00:00:00.000Z', periodEnd: '2026-04-01T00:00:00.000Z' };

const invoice: InvoiceFieldsFragment = {
  id: 'inv-1',
  number: 'WB-2026-000042',
  status: 'OPEN',
  tenantId: 't-1',
  tenantName: 'Acme Chat',
  currency: 'USD',
  ...PERIOD,
  issuedAt: '2026-04-01T09:00:00.000Z',
  dueAt: '2999-04-15T09:00:00.000Z',
  paidAt: null,
  voidedAt: null,
  voidReason: null,
  subtotalMinor: '7750',
  taxMinor: '775',
  taxRatePercent: '10',
  totalMinor: '8525',
  amountPaidMinor: '2000',
  amountCreditedMinor: '0',
  creditsAppliedMinor: '0',
  amountDueMinor: '6525',
  createdAt: '2026-04-01T00:00:10.000Z',
  planVersionId: 'pv-team-1',
  lines: [
    {
      id: 'l-1',
      position: 1,
      kind: 'BASE_FEE',
      description: 'Team v1 base fee',
      metricCode: null,
      tierIndex: null,
      quantity: '1',
      unitPrice: '49',
      amountMinor: '4900',
      ...PERIOD,
      explain: { planVersionId: 'pv-team-1', currency: 'USD', baseFeeMinor: '4900' },
    },
    {
      id: 'l-2',
      position: 2,
      kind: 'PRORATION_CREDIT',
      description: 'Unused time on Team v1 seats (1/2 of the period, 3 × 8.00)',
      metricCode: null,
      tierIndex: null,
      quantity: '3',
      unitPrice: '8',
      amountMinor: '-1200',
      periodStart: '2026-03-16T12:00:00.000Z',
      periodEnd: PERIOD.periodEnd,
      explain: {
        planVersionId: 'pv-team-1',
        seats: 8,
        includedSeats: 5,
        billableSeats: 3,
        seatUnitPrice: '8',
        changedAt: '2026-03-16T12:00:00.000Z',
        remainingSeconds: 1339200,
        periodSeconds: 2678400,
        fullPeriodAmount: '24',
      },
    },
    {
      id: 'l-3',
      position: 3,
      kind: 'USAGE',
      description: 'Messages sent, tier 2 (10,125 × 0.40)',
      metricCode: 'messages_sent',
      tierIndex: 1,
      quantity: '10125',
      unitPrice: '0.4',
      amountMinor: '4050',
      ...PERIOD,
      explain: { metricCode: 'messages_sent', model: 'GRADUATED', quantity: '20125', tierIndex: 1, quota: null },
    },
  ],
  payments: [
    { id: 'p-1', amountMinor: '2000', method: 'BANK_TRANSFER', reference: 'ACME-0042', recordedAt: PERIOD.periodEnd },
  ],
  creditNotes: [],
  credits: [],
};

describe('InvoiceDocument', () => {
  async function render(value: InvoiceFieldsFragment = invoice): Promise<HTMLElement> {
    TestBed.configureTestingModule({
      imports: [InvoiceDocument],
      providers: [
        { provide: LOCALE_ID, useValue: 'en-US' },
        { provide: PermissionsService, useValue: { can: () => true } },
      ],
    });
    const fixture = TestBed.createComponent(InvoiceDocument);
    fixture.componentRef.setInput('invoice', value);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  const cells = (row: Element) => [...row.querySelectorAll('td')].map((cell) => cell.textContent?.trim());

  it("shows every line's money in the invoice's currency, right-aligned, credits negative", async () => {
    const root = await render();
    const rows = [...root.querySelectorAll('table[aria-label="Invoice lines"] tr.line-row')];
    expect(rows.map((row) => cells(row).slice(2))).toEqual([
      ['1', '$49.00', '$49.00'],
      ['3', '$8.00', '-$12.00'],
      ['10,125', '$0.40', '$40.50'],
    ]);
    const amount = rows[0].querySelector('td.mat-column-amount') as HTMLElement;
    expect(amount.classList).toContain('number');
    expect(root.querySelector('table[aria-label="Invoice lines"] th.mat-column-amount')?.classList).toContain('number');
  });

  it('adds up to the totals, the tax at its rate, what was paid and what is due', async () => {
    const root = await render();
    const totals = root.querySelector('dl[aria-label="Totals"]') as HTMLElement;
    const pairs = [...totals.querySelectorAll('dt')].map((term) => [
      term.textContent?.trim().replace(/\s+/g, ' '),
      term.nextElementSibling?.textContent?.trim(),
    ]);
    expect(pairs).toEqual([
      ['Subtotal', '$77.50'],
      ['Tax (10%)', '$7.75'],
      ['Total', '$85.25'],
      ['Paid', '−$20.00'],
      ['Amount due', '$65.25'],
    ]);
  });

  it('takes prepaid credits off what is due and shows which grants paid, and what a void gave back', async () => {
    const root = await render({
      ...invoice,
      amountPaidMinor: '0',
      // 85.25 − 50.00 of credits = 35.25 due.
      creditsAppliedMinor: '5000',
      amountDueMinor: '3525',
      payments: [],
      credits: [
        {
          grantId: 'g-1',
          grantKind: 'PROMOTIONAL',
          grantReason: 'Launch promotion',
          grantExpiresAt: '2026-06-30T23:59:59.999Z',
          appliedMinor: '3000',
          restoredMinor: '0',
        },
        {
          grantId: 'g-2',
          grantKind: 'PAID',
          grantReason: 'Prepaid pack',
          grantExpiresAt: null,
          appliedMinor: '2000',
          restoredMinor: '2000',
        },
      ],
    });
    expect(root.querySelector('[data-testid="invoice-credits-applied"]')?.textContent?.trim()).toBe('−$50.00');
    expect(root.querySelector('[data-testid="invoice-amount-due"]')?.textContent?.trim()).toBe('$35.25');
    const rows = [...root.querySelectorAll('[data-testid="invoice-credits"] tr[mat-row]')].map((row) =>
      [...row.querySelectorAll('td')].map((cell) => cell.textContent?.trim()),
    );
    expect(rows).toEqual([
      ['Launch promotion', 'Promotional', 'Jun 30, 2026', '$30.00', '—'],
      ['Prepaid pack', 'Paid', 'Never', '$20.00', '$20.00'],
    ]);
  });

  it('opens a line onto how it was computed, and closes it again', async () => {
    const root = await render();
    const explain = root.querySelector('button[aria-label="Explain line 2"]') as HTMLButtonElement;
    expect(root.querySelector('dl[aria-label="How line 2 was computed"]')).toBeNull();

    explain.click();
    TestBed.tick();
    const facts = root.querySelector('dl[aria-label="How line 2 was computed"]') as HTMLElement;
    expect(facts.textContent).toContain("1,339,200 of the period's 2,678,400 seconds (50%)");
    expect(facts.textContent).toContain('3 × $8.00 per seat');
    expect(explain.getAttribute('aria-expanded')).toBe('true');

    explain.click();
    TestBed.tick();
    expect(root.querySelector('dl[aria-label="How line 2 was computed"]')).toBeNull();
  });

  it('dates a prorated line by the part of the period it covers', async () => {
    const root = await render();
    const rows = [...root.querySelectorAll('tr.line-row')];
    expect(rows[1].textContent).toContain('Mar 16');
    expect(rows[0].textContent).not.toContain('Mar 1,');
  });

  it('lists payments, and says why a voided invoice is void', async () => {
    const root = await render();
    expect(cells(root.querySelector('table[aria-label="Payments"] tr.mat-mdc-row') as Element).slice(1)).toEqual([
      'Bank transfer',
      'ACME-0042',
      '$20.00',
    ]);

    TestBed.resetTestingModule();
    const voided = await render({
      ...invoice,
      status: 'VOID',
      amountPaidMinor: '0',
      payments: [],
      voidedAt: '2026-04-02T00:00:00.000Z',
      voidReason: 'Billed twice',
    });
    expect(voided.querySelector('[role="note"]')?.textContent).toContain('Billed twice');
    expect(voided.querySelector('wb-invoice-status-chip')?.textContent).toBe('Void');
    expect(voided.querySelector('table[aria-label="Payments"]')).toBeNull();
    expect(voided.querySelector('[data-testid="invoice-amount-due"]')).toBeNull();
  });

  it('calls an open invoice past its due date overdue', async () => {
    const root = await render({ ...invoice, dueAt: '2020-01-01T00:00:00.000Z' });
    expect(root.querySelector('wb-invoice-status-chip')?.textContent).toBe('Overdue');
  });

  it('takes credit notes off what is due and lists each with its lines and tax', async () => {
    const root = await render({
      ...invoice,
      amountCreditedMinor: '1100',
      amountDueMinor: '5425',
      creditNotes: [
        {
          id: 'cn-1',
          number: 'CN-2026-000007',
          invoiceId: 'inv-1',
          currency: 'USD',
          reason: 'BILLING_ERROR',
          memo: 'Seats were counted twice',
          settlement: 'AMOUNT_DUE',
          subtotalMinor: '1000',
          taxMinor: '100',
          totalMinor: '1100',
          issuedAt: '2026-04-03T00:00:00.000Z',
          lines: [
            { id: 'cnl-1', position: 1, invoiceLineId: 'l-1', description: 'Team v1 base fee', amountMinor: '1000' },
          ],
        },
      ],
    });
    expect(root.querySelector('[data-testid="invoice-credited"]')?.textContent?.trim()).toBe('−$11.00');
    expect(root.querySelector('[data-testid="invoice-amount-due"]')?.textContent?.trim()).toBe('$54.25');
    const note = root.querySelector('article[aria-label="Credit note CN-2026-000007"]') as HTMLElement;
    expect(note.textContent).toContain('Billing error');
    expect(note.textContent).toContain('lowered the amount due');
    expect(note.textContent).toContain('Seats were counted twice');
    const amounts = [...note.querySelectorAll('dt')].map((term) => [
      term.textContent?.trim(),
      term.nextElementSibling?.textContent?.trim(),
    ]);
    expect(amounts).toEqual([
      ['Team v1 base fee', '−$10.00'],
      ['Tax', '−$1.00'],
      ['Credited', '−$11.00'],
    ]);
    expect(note.querySelector('button[aria-label="Download CN-2026-000007 as PDF"]')).not.toBeNull();
  });
});
