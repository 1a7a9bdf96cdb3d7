import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatDialog } from '@angular/material/dialog';
import {
  FinanceTenantTaxRateGQL,
  type InvoiceFieldsFragment,
  SetTenantTaxRateGQL,
  VoidInvoiceGQL,
} from '@warbler/console/data-access';
import { of } from 'rxjs';
import { openTaxRateDialog } from './tax-rate-dialog';
import { openVoidInvoiceDialog } from './void-invoice-dialog';

describe('finance dialogs', () => {
  const voidMutate = jest.fn();
  const readRate = jest.fn();
  const setRate = jest.fn();

  beforeEach(() => {
    voidMutate.mockReset().mockReturnValue(of({ data: { voidInvoice: { id: 'inv-1', status: 'VOID' } } }));
    readRate
      .mockReset()
      .mockReturnValue(
        of({ data: { financeTenantTaxRate: { tenantId: 't-1', tenantName: 'Acme Chat', taxRatePercent: '7.6250' } } }),
      );
    setRate
      .mockReset()
      .mockReturnValue(
        of({ data: { setTenantTaxRate: { tenantId: 't-1', tenantName: 'Acme Chat', taxRatePercent: '20.0000' } } }),
      );
    TestBed.configureTestingModule({
      providers: [
        { provide: VoidInvoiceGQL, useValue: { mutate: voidMutate } },
        { provide: FinanceTenantTaxRateGQL, useValue: { fetch: readRate } },
        { provide: SetTenantTaxRateGQL, useValue: { mutate: setRate } },
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
  });

  afterEach(() => TestBed.inject(MatDialog).closeAll());

  async function settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve));
    TestBed.tick();
  }

  const overlay = () => document.querySelector('.cdk-overlay-container') as HTMLElement;
  const type = (field: HTMLInputElement | HTMLTextAreaElement, value: string) => {
    field.value = value;
    field.dispatchEvent(new Event('input'));
  };
  const submit = () => (overlay().querySelector('button[type="submit"]') as HTMLButtonElement).click();

  it('voids with the reason trimmed, and not without one', async () => {
    const closed = jest.fn();
    openVoidInvoiceDialog(TestBed.inject(MatDialog), TestBed.inject(VoidInvoiceGQL), {
      id: 'inv-1',
      number: null,
      tenantName: 'Acme Chat',
    } as InvoiceFieldsFragment).subscribe(closed);
    TestBed.tick();
    const reason = overlay().querySelector('textarea') as HTMLTextAreaElement;
    type(reason, '   ');
    submit();
    await settle();
    expect(voidMutate).not.toHaveBeenCalled();
    expect(overlay().textContent).toContain('Say why, in up to 500 characters');

    type(reason, ' Billed twice ');
    submit();
    await settle();
    expect(voidMutate).toHaveBeenCalledWith({ variables: { id: 'inv-1', reason: 'Billed twice' } });
    expect(closed).toHaveBeenCalledWith(expect.objectContaining({ status: 'VOID' }));
  });

  it('shows the current tax rate as a person writes it, and saves the new one', async () => {
    const closed = jest.fn();
    openTaxRateDialog(TestBed.inject(MatDialog), { tenantId: 't-1', tenantName: 'Acme Chat' }).subscribe(closed);
    TestBed.tick();
    await settle();
    const rate = overlay().querySelector('input') as HTMLInputElement;
    expect(rate.value).toBe('7.625');

    type(rate, '101');
    submit();
    await settle();
    expect(setRate).not.toHaveBeenCalled();
    expect(overlay().textContent).toContain('A tax rate is at most 100%');

    type(rate, '20');
    submit();
    await settle();
    expect(setRate).toHaveBeenCalledWith({ variables: { tenantId: 't-1', taxRatePercent: '20' } });
    expect(closed).toHaveBeenCalledWith(expect.objectContaining({ taxRatePercent: '20.0000' }));
  });

  it('clears the tax rate when the field is left empty', async () => {
    openTaxRateDialog(TestBed.inject(MatDialog), { tenantId: 't-1', tenantName: 'Acme Chat' }).subscribe();
    TestBed.tick();
    await settle();
    type(overlay().querySelector('input') as HTMLInputElement, '');
    submit();
    await settle();
    expect(setRate).toHaveBeenCalledWith({ variables: { tenantId: 't-1', taxRatePercent: null } });
  });
});
