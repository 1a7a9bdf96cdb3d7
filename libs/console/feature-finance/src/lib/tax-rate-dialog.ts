import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import {
  type AbstractControl,
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  type ValidationErrors,
} from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import {
  dataOf,
  FinanceTenantTaxRateGQL,
  SetTenantTaxRateGQL,
  type SetTenantTaxRateMutation,
  userMessage,
} from '@warbler/console/data-access';
import { map, type Observable } from 'rxjs';
import { parseTaxRate, plainPercent } from './tax-rate';

export interface TaxRateDialogData {
  tenantId: string;
  tenantName: string;
}

type TenantTaxRate = SetTenantTaxRateMutation['setTenantTaxRate'];

/** Sets the tax rate a tenant's next invoices are drafted with; issued invoices keep theirs. */
@Component({
  selector: 'wb-tax-rate-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatButton, MatFormFieldModule, MatInput, MatProgressBar],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()">
      <h2 mat-dialog-title>Tax rate of {{ data.tenantName }}</h2>
      <mat-dialog-content>
        @if (busy()) {
          <mat-progress-bar mode="indeterminate" aria-label="Saving the tax rate" />
        }
        @if (error(); as message) {
          <p class="error" role="alert">{{ message }}</p>
        }
        <p class="context">
          Invoices drafted from now on carry this rate; invoices already drafted or issued keep theirs.
        </p>
        <mat-form-field appearance="outline">
          <mat-label>Tax rate (%)</mat-label>
          <input matInput formControlName="rate" inputmode="decimal" autocomplete="off" cdkFocusInitial />
          <mat-hint>Leave empty for no tax</mat-hint>
          @if (rate.errors; as errors) {
            <mat-error>{{ errors['rate'] }}</mat-error>
          }
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="busy() || loading()">Save</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    mat-dialog-content {
      display: flex;
      flex-direction: column;
      gap: 4px;
      min-width: min(400px, 80vw);
    }
    .context {
      margin: 0 0 12px;
      max-width: 52ch;
      color: var(--mat-sys-on-surface-variant);
    }
    .error {
      margin: 0 0 8px;
      padding: 12px 14px;
      border-radius: var(--mat-sys-corner-small);
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
  `,
})
export class TaxRateDialog {
  private readonly readRate = inject(FinanceTenantTaxRateGQL);
  private readonly setRate = inject(SetTenantTaxRateGQL);
  private readonly dialogRef = inject<MatDialogRef<TaxRateDialog, TenantTaxRate>>(MatDialogRef);
  protected readonly data = inject<TaxRateDialogData>(MAT_DIALOG_DATA);

  // Disabled until the current rate is read, so nothing typed is overwritten by it.
  protected readonly rate = new FormControl(
    { value: '', disabled: true },
    {
      nonNullable: true,
      validators: (control: AbstractControl<string>): ValidationErrors | null => {
        const parsed = parseTaxRate(control.value);
        return parsed.ok ? null : { rate: parsed.problem };
      },
    },
  );
  protected readonly form = new FormGroup({ rate: this.rate });
  protected readonly loading = signal(true);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  constructor() {
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const { financeTenantTaxRate } = await dataOf(
        this.readRate.fetch({ variables: { tenantId: this.data.tenantId }, fetchPolicy: 'no-cache' }),
      );
      const rate = financeTenantTaxRate.taxRatePercent;
      this.rate.setValue(rate === null ? '' : plainPercent(rate));
      this.rate.enable();
    } catch (error) {
      this.error.set(userMessage(error));
    } finally {
      this.loading.set(false);
    }
  }

  async submit(): Promise<void> {
    const parsed = parseTaxRate(this.rate.value);
    if (!parsed.ok || this.busy() || this.rate.disabled) {
      this.rate.markAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      const { setTenantTaxRate } = await dataOf(
        this.setRate.mutate({ variables: { tenantId: this.data.tenantId, taxRatePercent: parsed.taxRatePercent } }),
      );
      this.dialogRef.close(setTenantTaxRate);
    } catch (error) {
      this.error.set(userMessage(error));
    } finally {
      this.busy.set(false);
    }
  }
}

/** Emits the tenant's new tax rate, or undefined when the dialog was cancelled. */
export function openTaxRateDialog(dialog: MatDialog, data: TaxRateDialogData): Observable<TenantTaxRate | undefined> {
  return dialog
    .open<TaxRateDialog, TaxRateDialogData, TenantTaxRate>(TaxRateDialog, { data, width: '480px' })
    .afterClosed()
    .pipe(map((saved) => saved ?? undefined));
}
