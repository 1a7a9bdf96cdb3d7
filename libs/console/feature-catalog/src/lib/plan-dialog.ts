import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { type BillingInterval, CreatePlanGQL, dataOf, userMessage } from '@warbler/console/data-access';
import { SUPPORTED_CURRENCIES } from '@warbler/shared/pricing';
import type { Observable } from 'rxjs';

/** A new plan with empty terms; its first version is then priced in the draft editor. */
@Component({
  selector: 'wb-plan-dialog',
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
      <h2 mat-dialog-title>New plan</h2>
      <mat-dialog-content>
        @if (busy()) {
          <mat-progress-bar mode="indeterminate" aria-label="Creating the plan" />
        }
        @if (error(); as message) {
          <p class="error" role="alert">{{ message }}</p>
        }
        <mat-form-field appearance="outline">
          <mat-label>Code</mat-label>
          <input matInput formControlName="code" autocomplete="off" cdkFocusInitial />
          <mat-hint>A stable identifier, e.g. team; cannot change later</mat-hint>
          <mat-error>Lowercase letters, digits, _ and -, starting with a letter</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Name</mat-label>
          <input matInput formControlName="name" autocomplete="off" />
          <mat-error>Give the plan a name</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Description</mat-label>
          <textarea matInput formControlName="description" rows="2"></textarea>
        </mat-form-field>
        <div class="pair">
          <mat-form-field appearance="outline">
            <mat-label>Currency</mat-label>
            <mat-select formControlName="currency">
              @for (currency of currencies; track currency) {
                <mat-option [value]="currency">{{ currency }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Billing interval</mat-label>
            <mat-select formControlName="interval">
              <mat-option value="MONTH">Monthly</mat-option>
              <mat-option value="YEAR">Yearly</mat-option>
            </mat-select>
          </mat-form-field>
        </div>
        <p class="hint">The plan starts with a free draft; set its prices and quotas next, then publish it.</p>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="busy()">Create plan</button>
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
    .pair {
      display: grid;
      grid-template-columns: 1fr 1fr;
      gap: 12px;
    }
    .hint {
      margin: 0;
      font: var(--mat-sys-body-small);
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
export class PlanDialog {
  private readonly create = inject(CreatePlanGQL);
  private readonly dialogRef = inject<MatDialogRef<PlanDialog, string>>(MatDialogRef);

  protected readonly currencies = SUPPORTED_CURRENCIES;
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly form = new FormGroup({
    code: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.pattern(/^[a-z][a-z0-9_-]{0,62}$/)],
    }),
    name: new FormControl('', { nonNullable: true, validators: Validators.required }),
    description: new FormControl('', { nonNullable: true }),
    currency: new FormControl('USD', { nonNullable: true }),
    interval: new FormControl<BillingInterval>('MONTH', { nonNullable: true }),
  });

  async submit(): Promise<void> {
    if (this.form.invalid || this.busy()) {
      this.form.markAllAsTouched();
      return;
    }
    const { code, name, description, currency, interval } = this.form.getRawValue();
    this.busy.set(true);
    this.error.set(null);
    try {
      const { createPlan } = await dataOf(
        this.create.mutate({
          variables: {
            input: {
              code,
              name: name.trim(),
              description: description.trim() || undefined,
              terms: {
                currency,
                interval,
                baseFeeMinor: '0',
                seatUnitPrice: '0',
                includedSeats: 1,
                maxSeats: 1,
                trialDays: 0,
                charges: [],
                quotas: [],
              },
            },
          },
        }),
      );
      this.dialogRef.close(createPlan.id);
    } catch (error) {
      this.error.set(userMessage(error));
    } finally {
      this.busy.set(false);
    }
  }
}

/** Emits the new plan's id, or undefined when cancelled. */
export function openPlanDialog(dialog: MatDialog): Observable<string | undefined> {
  return dialog.open<PlanDialog, void, string>(PlanDialog, { width: '560px' }).afterClosed();
}
