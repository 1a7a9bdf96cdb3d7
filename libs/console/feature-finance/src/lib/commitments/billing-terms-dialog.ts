import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import {
  type BillingTermsFieldsFragment,
  dataOf,
  SetTenantMinimumCommitmentGQL,
  SetTenantSpendingLimitsGQL,
  userMessage,
} from '@warbler/console/data-access';
import { parseMajorAmount, toMajorText } from '@warbler/console/feature-billing';
import type { Observable } from 'rxjs';

export type BillingTermsEdit = 'commitment' | 'limits';

export interface BillingTermsDialogData {
  edit: BillingTermsEdit;
  terms: BillingTermsFieldsFragment;
}

const PROBLEMS: Record<string, string> = {
  notANumber: 'Enter an amount such as 500 or 1,000.00',
  tooPrecise: 'Too many decimals for this currency',
  notPositive: 'Enter an amount above 0',
};

/**
 * Finance sets a tenant's minimum commitment per period, or the highest spending cap the tenant may
 * set and whether it must keep one. Amounts are in the currency the tenant's plan bills in.
 */
@Component({
  selector: 'wb-billing-terms-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatButton, MatCheckbox, MatFormFieldModule, MatInput, MatProgressBar],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()">
      <h2 mat-dialog-title>
        {{ data.edit === 'commitment' ? 'Minimum commitment' : 'Spending limits' }} of {{ data.terms.tenantName }}
      </h2>
      <mat-dialog-content>
        @if (busy()) {
          <mat-progress-bar mode="indeterminate" aria-label="Saving the billing terms" />
        }
        @if (error(); as message) {
          <p class="error" role="alert">{{ message }}</p>
        }
        <p class="context">
          @if (data.edit === 'commitment') {
            Invoices drafted from now on are trued up to this amount when a period's charges fall short, before
            discounts and tax. It is prorated for a period a trial covers in part.
          } @else {
            The tenant's billing admins set their hard cap up to this amount. A cap above a lower limit is lowered to
            it; a required cap is set at the limit for a tenant without one.
          }
        </p>
        <mat-form-field appearance="outline">
          <mat-label>
            {{ data.edit === 'commitment' ? 'Commitment per period' : 'Highest cap' }} ({{ data.terms.currency }})
          </mat-label>
          <input matInput formControlName="amount" inputmode="decimal" autocomplete="off" cdkFocusInitial />
          <mat-hint>{{ data.edit === 'commitment' ? 'Leave empty for none' : 'Leave empty for any cap' }}</mat-hint>
        </mat-form-field>
        @if (problem(); as text) {
          <p class="field-error" role="alert">{{ text }}</p>
        }
        @if (data.edit === 'limits') {
          <mat-checkbox formControlName="required">The tenant must keep a cap</mat-checkbox>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="busy()">Save</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    mat-dialog-content {
      display: flex;
      flex-direction: column;
      gap: 12px;
      min-width: min(420px, 80vw);
    }
    .context {
      margin: 0 0 12px;
      max-width: 56ch;
      color: var(--mat-sys-on-surface-variant);
    }
    .error {
      margin: 0 0 8px;
      padding: 12px 14px;
      border-radius: var(--mat-sys-corner-small);
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .field-error {
      margin: -8px 0 0;
      color: var(--mat-sys-error);
      font: var(--mat-sys-body-small);
    }
  `,
})
export class BillingTermsDialog {
  protected readonly data = inject<BillingTermsDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<BillingTermsDialog, BillingTermsFieldsFragment>>(MatDialogRef);
  private readonly commitment = inject(SetTenantMinimumCommitmentGQL);
  private readonly limits = inject(SetTenantSpendingLimitsGQL);

  protected readonly form = new FormGroup({
    amount: new FormControl(
      this.typed(
        this.data.edit === 'commitment' ? this.data.terms.minimumCommitmentMinor : this.data.terms.maxSpendingCapMinor,
      ),
      { nonNullable: true },
    ),
    required: new FormControl(this.data.terms.spendingCapRequired, { nonNullable: true }),
  });
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly problem = signal<string | null>(null);

  protected async submit(): Promise<void> {
    const { amount, required } = this.form.getRawValue();
    const { terms, edit } = this.data;
    let minor: string | null = null;
    if (amount.trim() !== '') {
      const parsed = parseMajorAmount(amount, terms.currency);
      if (!parsed.ok) return this.problem.set(PROBLEMS[parsed.problem] ?? 'Enter an amount');
      minor = parsed.minor;
    }
    if (edit === 'limits' && required && minor === null) {
      return this.problem.set('A required cap needs a highest cap');
    }
    this.problem.set(null);
    this.busy.set(true);
    this.error.set(null);
    try {
      const saved =
        edit === 'commitment'
          ? (await dataOf(this.commitment.mutate({ variables: { tenantId: terms.tenantId, amountMinor: minor } })))
              .setTenantMinimumCommitment
          : (
              await dataOf(
                this.limits.mutate({
                  variables: { tenantId: terms.tenantId, maxSpendingCapMinor: minor, spendingCapRequired: required },
                }),
              )
            ).setTenantSpendingLimits;
      this.ref.close(saved);
    } catch (error) {
      this.error.set(userMessage(error));
    } finally {
      this.busy.set(false);
    }
  }

  private typed(minor: string | null): string {
    return minor === null ? '' : toMajorText(minor, this.data.terms.currency);
  }
}

export function openBillingTermsDialog(
  dialog: MatDialog,
  data: BillingTermsDialogData,
): Observable<BillingTermsFieldsFragment | undefined> {
  return dialog.open(BillingTermsDialog, { data, autoFocus: 'first-tabbable' }).afterClosed();
}
