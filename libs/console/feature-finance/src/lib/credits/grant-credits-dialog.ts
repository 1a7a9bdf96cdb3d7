import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import {
  type AbstractControl,
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  type ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { provideNativeDateAdapter } from '@angular/material/core';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import {
  type CreditGrantFieldsFragment,
  type CreditGrantKind,
  dataOf,
  GrantCreditsGQL,
  userMessage,
} from '@warbler/console/data-access';
import { CREDIT_KIND_LABELS, newIdempotencyKey } from '@warbler/console/feature-billing';
import { SUPPORTED_CURRENCIES } from '@warbler/shared/pricing';
import type { Observable } from 'rxjs';
import { grantAmountProblem, grantInput } from './credit-grant-draft';

export interface GrantCreditsData {
  tenantId: string;
  tenantName: string;
  /** The currency the tenant's plan bills in, offered first. */
  currency: string;
}

/**
 * Finance grants a tenant prepaid credits. The idempotency key is chosen when the dialog opens, so a
 * double click or a retry after a dropped answer grants once.
 */
@Component({
  selector: 'wb-grant-credits-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatButton,
    MatDatepickerModule,
    MatFormFieldModule,
    MatInput,
    MatProgressBar,
    MatSelectModule,
  ],
  providers: [provideNativeDateAdapter()],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()">
      <h2 mat-dialog-title>Grant credits</h2>
      <mat-dialog-content>
        @if (busy()) {
          <mat-progress-bar mode="indeterminate" aria-label="Granting credits" />
        }
        @if (error(); as message) {
          <p class="error" role="alert">{{ message }}</p>
        }
        <p class="context">
          To {{ data.tenantName }}. Credits pay this tenant's next invoices in their currency, soonest expiry first.
        </p>
        <div class="row">
          <mat-form-field appearance="outline" class="amount">
            <mat-label>Amount</mat-label>
            <input matInput formControlName="amount" inputmode="decimal" autocomplete="off" cdkFocusInitial />
            @if (form.controls.amount.errors; as errors) {
              <mat-error>{{ errors['amount'] }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field appearance="outline" class="currency">
            <mat-label>Currency</mat-label>
            <mat-select formControlName="currency">
              @for (currency of currencies; track currency) {
                <mat-option [value]="currency">{{ currency }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
        </div>
        <mat-form-field appearance="outline">
          <mat-label>Kind</mat-label>
          <mat-select formControlName="kind">
            @for (kind of kinds; track kind.value) {
              <mat-option [value]="kind.value">{{ kind.label }}</mat-option>
            }
          </mat-select>
          <mat-hint>Paid: the tenant bought them. Promotional: given, e.g. a launch offer</mat-hint>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Reason</mat-label>
          <input matInput formControlName="reason" autocomplete="off" maxlength="500" />
          <mat-hint>The tenant sees it on its ledger and invoices</mat-hint>
          @if (form.controls.reason.invalid) {
            <mat-error>Say why, in up to 500 characters</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Expires on (optional)</mat-label>
          <input matInput formControlName="expiresOn" [matDatepicker]="picker" [min]="tomorrow" />
          <mat-datepicker-toggle matIconSuffix [for]="picker" />
          <mat-datepicker #picker />
          <mat-hint>Spendable until that day ends; leave empty for credits that never expire</mat-hint>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="busy()">Grant credits</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    mat-dialog-content {
      display: flex;
      flex-direction: column;
      gap: 4px;
      min-width: min(460px, 80vw);
    }
    .row {
      display: flex;
      gap: 12px;
    }
    .amount {
      flex: 1;
    }
    .currency {
      width: 140px;
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
export class GrantCreditsDialog {
  private readonly grant = inject(GrantCreditsGQL);
  private readonly dialogRef = inject<MatDialogRef<GrantCreditsDialog, CreditGrantFieldsFragment>>(MatDialogRef);
  protected readonly data = inject<GrantCreditsData>(MAT_DIALOG_DATA);

  private readonly idempotencyKey = newIdempotencyKey();
  protected readonly currencies = SUPPORTED_CURRENCIES;
  protected readonly kinds = Object.entries(CREDIT_KIND_LABELS).map(([value, label]) => ({
    value: value as CreditGrantKind,
    label,
  }));
  protected readonly tomorrow = new Date(Date.now() + 24 * 3600 * 1000);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly form = new FormGroup({
    amount: new FormControl('', {
      nonNullable: true,
      validators: (control: AbstractControl<string>): ValidationErrors | null => {
        const problem = grantAmountProblem(control.value, this.form?.controls.currency.value ?? this.data.currency);
        return problem ? { amount: problem } : null;
      },
    }),
    currency: new FormControl(this.data.currency, { nonNullable: true }),
    kind: new FormControl<CreditGrantKind>('PAID', { nonNullable: true }),
    reason: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(500), Validators.pattern(/\S/)],
    }),
    expiresOn: new FormControl<Date | null>(null),
  });

  constructor() {
    // The amount's decimals depend on the currency: check it again when the currency changes.
    this.form.controls.currency.valueChanges.subscribe(() => this.form.controls.amount.updateValueAndValidity());
  }

  async submit(): Promise<void> {
    if (this.form.invalid || this.busy()) {
      this.form.markAllAsTouched();
      return;
    }
    const { amount, currency, kind, reason, expiresOn } = this.form.getRawValue();
    this.busy.set(true);
    this.error.set(null);
    try {
      const { grantCredits } = await dataOf(
        this.grant.mutate({
          variables: {
            input: {
              tenantId: this.data.tenantId,
              kind,
              currency,
              ...grantInput({ amount, currency, reason, expiresOn }),
            },
            idempotencyKey: this.idempotencyKey,
          },
        }),
      );
      this.dialogRef.close(grantCredits);
    } catch (error) {
      this.error.set(userMessage(error));
    } finally {
      this.busy.set(false);
    }
  }
}

/** Emits the grant made, or undefined when the dialog was cancelled. */
export function openGrantCreditsDialog(
  dialog: MatDialog,
  data: GrantCreditsData,
): Observable<CreditGrantFieldsFragment | undefined> {
  return dialog
    .open<GrantCreditsDialog, GrantCreditsData, CreditGrantFieldsFragment>(GrantCreditsDialog, { data, width: '560px' })
    .afterClosed();
}
