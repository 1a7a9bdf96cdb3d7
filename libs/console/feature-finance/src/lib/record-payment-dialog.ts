import { ChangeDetectionStrategy, Component, inject, LOCALE_ID, signal } from '@angular/core';
import {
  type AbstractControl,
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  type ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import {
  dataOf,
  type InvoiceFieldsFragment,
  type PaymentMethod,
  RecordInvoicePaymentGQL,
  userMessage,
} from '@warbler/console/data-access';
import { formatMoney, PAYMENT_METHOD_LABELS, parseMajorAmount, toMajorText } from '@warbler/console/feature-billing';
import { minorUnitsOf } from '@warbler/shared/pricing';
import { map, type Observable } from 'rxjs';
import { paymentAmountProblem } from './payment-amount';

/** Records money received for an open invoice; the payment that completes it makes it paid. */
@Component({
  selector: 'wb-record-payment-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatButton,
    MatFormFieldModule,
    MatInput,
    MatProgressBar,
    MatSelectModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()">
      <h2 mat-dialog-title>Record a payment</h2>
      <mat-dialog-content>
        @if (busy()) {
          <mat-progress-bar mode="indeterminate" aria-label="Recording the payment" />
        }
        @if (error(); as message) {
          <p class="error" role="alert">{{ message }}</p>
        }
        <p class="context">{{ invoice.number }} · {{ invoice.tenantName }} · {{ due }} due of {{ total }}</p>
        <mat-form-field appearance="outline">
          <mat-label>Amount ({{ invoice.currency }})</mat-label>
          <input matInput formControlName="amount" inputmode="decimal" autocomplete="off" cdkFocusInitial />
          <mat-hint>In {{ invoice.currency }}, up to {{ places }} decimal{{ places === 1 ? '' : 's' }}</mat-hint>
          @if (form.controls.amount.errors; as errors) {
            <mat-error>{{ errors['amount'] }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Method</mat-label>
          <mat-select formControlName="method">
            @for (method of methods; track method.value) {
              <mat-option [value]="method.value">{{ method.label }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Reference</mat-label>
          <input matInput formControlName="reference" autocomplete="off" maxlength="200" />
          <mat-hint>Optional, e.g. the bank transfer's reference</mat-hint>
          @if (form.controls.reference.hasError('maxlength')) {
            <mat-error>At most 200 characters</mat-error>
          }
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="busy()">Record payment</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    mat-dialog-content {
      display: flex;
      flex-direction: column;
      gap: 4px;
      min-width: min(420px, 80vw);
    }
    .context {
      margin: 0 0 12px;
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
export class RecordPaymentDialog {
  private readonly record = inject(RecordInvoicePaymentGQL);
  private readonly dialogRef = inject<MatDialogRef<RecordPaymentDialog, InvoiceFieldsFragment>>(MatDialogRef);
  private readonly locale = inject(LOCALE_ID);
  protected readonly invoice = inject<InvoiceFieldsFragment>(MAT_DIALOG_DATA);

  protected readonly places = minorUnitsOf(this.invoice.currency);
  protected readonly due = formatMoney(this.invoice.amountDueMinor, this.invoice.currency, this.locale);
  protected readonly total = formatMoney(this.invoice.totalMinor, this.invoice.currency, this.locale);
  protected readonly methods = Object.entries(PAYMENT_METHOD_LABELS).map(([value, label]) => ({
    value: value as PaymentMethod,
    label,
  }));
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly form = new FormGroup({
    amount: new FormControl(toMajorText(this.invoice.amountDueMinor, this.invoice.currency), {
      nonNullable: true,
      validators: (control: AbstractControl<string>): ValidationErrors | null => {
        const problem = paymentAmountProblem(control.value, this.invoice, this.locale);
        return problem ? { amount: problem } : null;
      },
    }),
    method: new FormControl<PaymentMethod>('BANK_TRANSFER', { nonNullable: true }),
    reference: new FormControl('', { nonNullable: true, validators: Validators.maxLength(200) }),
  });

  async submit(): Promise<void> {
    if (this.form.invalid || this.busy()) {
      this.form.markAllAsTouched();
      return;
    }
    const { amount, method, reference } = this.form.getRawValue();
    const parsed = parseMajorAmount(amount, this.invoice.currency);
    if (!parsed.ok) return;
    this.busy.set(true);
    this.error.set(null);
    try {
      const { recordInvoicePayment } = await dataOf(
        this.record.mutate({
          variables: { id: this.invoice.id, amountMinor: parsed.minor, method, reference: reference.trim() || null },
        }),
      );
      this.dialogRef.close(recordInvoicePayment);
    } catch (error) {
      this.error.set(userMessage(error));
    } finally {
      this.busy.set(false);
    }
  }
}

/** Emits the invoice with the payment recorded, or undefined when the dialog was cancelled. */
export function openRecordPaymentDialog(
  dialog: MatDialog,
  invoice: InvoiceFieldsFragment,
): Observable<InvoiceFieldsFragment | undefined> {
  return dialog
    .open<RecordPaymentDialog, InvoiceFieldsFragment, InvoiceFieldsFragment>(RecordPaymentDialog, {
      data: invoice,
      width: '520px',
    })
    .afterClosed()
    .pipe(map((updated) => updated ?? undefined));
}
