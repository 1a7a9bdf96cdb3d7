import { LOCALE_ID } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatDialog } from '@angular/material/dialog';
import { type InvoiceFieldsFragment, RecordInvoicePaymentGQL } from '@warbler/console/data-access';
import { of, throwError } from 'rxjs';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { openRecordPaymentDialog } from './record-payment-dialog';

const invoice: InvoiceFieldsFragment = {
  id: 'inv-1',
  number: 'WB-2026-000042',
  status: 'OPEN',
  tenantId: 't-1',
  tenantName: 'Acme Chat',
  currency: 'USD',
  periodStart: '2026-03-01T00:00:00.000Z',
  periodEnd: '2026-04-01T00:00:00.000Z',
  issuedAt: '2026-04-01T09:00:00.000Z',
  dueAt: '2026-04-15T09:00:00.000Z',
  paidAt: null,
  voidedAt: null,
  voidReason: null,
  subtotalMinor: '12050',
  taxMinor: '0',
  taxRatePercent: null,
  totalMinor: '12050',
  amountPaidMinor: '0',
  amountCreditedMinor: '0',
  amountDueMinor: '12050',
  createdAt: '2026-04-01T00:00:10.000Z',
  planVersionId: 'pv-1',
  lines: [],
  payments: [],
  creditNotes: [],
};

describe('RecordPaymentDialog', () => {
  const mutate = jest.fn();

  beforeEach(() => {
    mutate.mockReset().mockReturnValue(of({ data: { recordInvoicePayment: { ...invoice, status: 'PAID' } } }));
    TestBed.configureTestingModule({
      providers: [
        { provide: RecordInvoicePaymentGQL, useValue: { mutate } },
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
    openRecordPaymentDialog(TestBed.inject(MatDialog), invoice).subscribe(closed);
    TestBed.tick();
    const overlay = document.querySelector('.cdk-overlay-container') as HTMLElement;
    const amount = overlay.querySelector('input[formcontrolname="amount"]') as HTMLInputElement;
    const reference = overlay.querySelector('input[formcontrolname="reference"]') as HTMLInputElement;
    const type = (input: HTMLInputElement, value: string) => {
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    const submit = async () => {
      (overlay.querySelector('button[type="submit"]') as HTMLButtonElement).click();
      await settle();
    };
    return { overlay, amount, reference, type, submit, closed };
  }

  it('offers what is still due, in major units', () => {
    const { amount, overlay } = open();
    expect(amount.value).toBe('120.50');
    expect(overlay.textContent).toContain('$120.50 due of $120.50');
  });

  it('records the typed major amount as exact minor units, with method and reference', async () => {
    const { amount, reference, type, submit, closed } = open();
    type(amount, '100.1');
    type(reference, '  BANK-REF-7 ');
    await submit();
    expect(mutate).toHaveBeenCalledWith({
      variables: { id: 'inv-1', amountMinor: '10010', method: 'BANK_TRANSFER', reference: 'BANK-REF-7' },
    });
    expect(closed).toHaveBeenCalledWith(expect.objectContaining({ id: 'inv-1', status: 'PAID' }));
  });

  it('explains an amount it cannot record and sends nothing', async () => {
    const { amount, overlay, type, submit } = open();
    type(amount, '120.51');
    await submit();
    expect(overlay.querySelector('mat-error')?.textContent).toContain('Only $120.50 is still due');

    type(amount, '1.005');
    await submit();
    expect(overlay.querySelector('mat-error')?.textContent).toContain('USD has 2 decimals at most');
    expect(mutate).not.toHaveBeenCalled();
  });

  it("keeps the dialog open with the server's reason when the API refuses", async () => {
    mutate.mockReturnValue(
      throwError(
        () =>
          new CombinedGraphQLErrors({
            errors: [
              { message: 'The invoice is not open', extensions: { code: 'CONFLICT', reason: 'INVOICE_NOT_OPEN' } },
            ],
          }),
      ),
    );
    const { overlay, submit, closed } = open();
    await submit();
    expect(overlay.querySelector('[role="alert"]')?.textContent).toContain('The invoice is not open');
    expect(closed).not.toHaveBeenCalled();
  });
});
