import { LOCALE_ID } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatDialog } from '@angular/material/dialog';
import { type InvoiceFieldsFragment, IssueCreditNoteGQL } from '@warbler/console/data-access';
import { of } from 'rxjs';
import { openCreditNoteDialog } from './credit-note-dialog';

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

const invoice = {
  id: 'inv-1',
  number: 'WB-2026-000042',
  status: 'OPEN',
  tenantName: 'Acme Chat',
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

describe('CreditNoteDialog', () => {
  const mutate = jest.fn();

  beforeEach(() => {
    mutate.mockReset().mockReturnValue(of({ data: { issueCreditNote: { id: 'cn-1', number: 'CN-2026-000001' } } }));
    TestBed.configureTestingModule({
      providers: [
        { provide: IssueCreditNoteGQL, useValue: { mutate } },
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
        { provide: LOCALE_ID, useValue: 'en-US' },
      ],
    });
  });

  afterEach(() => TestBed.inject(MatDialog).closeAll());

  async function settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve));
    TestBed.tick();
  }

  function open(closed = jest.fn()) {
    openCreditNoteDialog(TestBed.inject(MatDialog), invoice).subscribe(closed);
    TestBed.tick();
    const overlay = document.querySelector('.cdk-overlay-container') as HTMLElement;
    const rows = () =>
      [...overlay.querySelectorAll('[aria-label="Lines to credit"] .line:not(.head)')] as HTMLElement[];
    const check = (row: HTMLElement) => (row.querySelector('input[type="checkbox"]') as HTMLInputElement).click();
    const type = (input: HTMLInputElement | HTMLTextAreaElement, value: string) => {
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    const text = (testId: string) => overlay.querySelector(`[data-testid="${testId}"]`)?.textContent?.trim();
    return { overlay, rows, check, type, text, closed };
  }

  it('offers only the lines left to credit, each filled with what is left when chosen', async () => {
    const { rows, check } = open();
    expect(rows().map((row) => row.querySelector('mat-checkbox')?.textContent?.trim())).toEqual([
      'Team base fee',
      'Seats',
      'Another amount',
    ]);
    check(rows()[1]);
    await settle();
    expect((rows()[1].querySelector('input[formcontrolname="amount"]') as HTMLInputElement).value).toBe('33.33');
  });

  it('shows the tax and total before issuing, and issues exactly those lines', async () => {
    const { overlay, rows, check, type, text, closed } = open();
    check(rows()[1]);
    await settle();
    expect(text('credit-subtotal')).toBe('$33.33');
    expect(text('credit-tax')).toBe('$6.67');
    expect(text('credit-total')).toBe('$40.00');
    expect(overlay.textContent).toContain('The amount due goes from $160.00 to $120.00.');

    const issue = [...overlay.querySelectorAll('button')].find(
      (button) => button.textContent?.trim() === 'Issue credit note',
    );
    expect(issue?.disabled).toBe(false);
    issue?.click();
    await settle();
    expect(mutate).not.toHaveBeenCalled();
    expect(overlay.textContent).toContain('Choose why the invoice is corrected');

    (overlay.querySelector('mat-select[formcontrolname="reason"]') as HTMLElement).click();
    await settle();
    (
      [...document.querySelectorAll('mat-option')].find((option) =>
        option.textContent?.includes('Billing error'),
      ) as HTMLElement
    ).click();
    type(overlay.querySelector('textarea[formcontrolname="memo"]') as HTMLTextAreaElement, ' Seats counted twice ');
    await settle();
    issue?.click();
    await settle();
    expect(mutate).toHaveBeenCalledWith({
      variables: {
        input: {
          invoiceId: 'inv-1',
          reason: 'BILLING_ERROR',
          memo: 'Seats counted twice',
          lines: [{ invoiceLineId: 'seats', description: null, amountMinor: '3333' }],
        },
        idempotencyKey: expect.stringMatching(/^console-/),
      },
    });
    expect(closed).toHaveBeenCalledWith(expect.objectContaining({ number: 'CN-2026-000001' }));
  });

  it('says at the line when it asks for more than can be credited, and issues nothing', async () => {
    const { overlay, rows, check, type } = open();
    check(rows()[1]);
    await settle();
    type(rows()[1].querySelector('input[formcontrolname="amount"]') as HTMLInputElement, '40');
    await settle();
    expect(rows()[1].querySelector('[role="alert"]')?.textContent).toContain(
      'At most $33.33 of “Seats” can be credited',
    );
    const issue = [...overlay.querySelectorAll('button')].find(
      (button) => button.textContent?.trim() === 'Issue credit note',
    );
    expect(issue?.disabled).toBe(true);
  });
});
