import { ChangeDetectionStrategy, Component, inject, LOCALE_ID, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { dataOf, SetSpendingControlsGQL, type SpendingFieldsFragment, userMessage } from '@warbler/console/data-access';
import type { Observable } from 'rxjs';
import { formatMoney, toMajorText } from '../money';
import { spendingControlsDraft } from './spending-terms';

/** Sets the spending alert and the hard cap within the limits finance set; the API judges again. */
@Component({
  selector: 'wb-spending-controls-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatButton, MatFormFieldModule, MatInput, MatProgressBar],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()">
      <h2 mat-dialog-title>Spending alert and cap</h2>
      <mat-dialog-content>
        @if (busy()) {
          <mat-progress-bar mode="indeterminate" aria-label="Saving the spending alert and cap" />
        }
        @if (error(); as message) {
          <p class="error" role="alert">{{ message }}</p>
        }
        <p class="context">
          Spend is this period's usage charges before any commitment, discount or tax. The alert tells your owners,
          admins and billing admins once per period; usage that would take spend past the cap is refused until the
          period ends.
        </p>
        <mat-form-field appearance="outline">
          <mat-label>Alert at ({{ data.currency }})</mat-label>
          <input matInput formControlName="alert" inputmode="decimal" autocomplete="off" cdkFocusInitial />
          <mat-hint>Leave empty for no alert</mat-hint>
        </mat-form-field>
        @if (problems().alert; as problem) {
          <p class="field-error" role="alert">{{ problem }}</p>
        }
        <mat-form-field appearance="outline">
          <mat-label>Hard cap ({{ data.currency }})</mat-label>
          <input matInput formControlName="cap" inputmode="decimal" autocomplete="off" />
          <mat-hint>{{ capHint }}</mat-hint>
        </mat-form-field>
        @if (problems().cap; as problem) {
          <p class="field-error" role="alert">{{ problem }}</p>
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
export class SpendingControlsDialog {
  protected readonly data = inject<SpendingFieldsFragment>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<SpendingControlsDialog, SpendingFieldsFragment>>(MatDialogRef);
  private readonly mutation = inject(SetSpendingControlsGQL);
  private readonly locale = inject(LOCALE_ID);

  protected readonly form = new FormGroup({
    alert: new FormControl(this.typed(this.data.alertMinor), { nonNullable: true }),
    cap: new FormControl(this.typed(this.data.capMinor), { nonNullable: true }),
  });
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly problems = signal<{ alert?: string; cap?: string }>({});
  protected readonly capHint =
    (this.data.maxCapMinor === null ? 'Leave empty for no cap' : `At most ${this.money(this.data.maxCapMinor)}`) +
    (this.data.capRequired ? ' · required by your billing terms' : '');

  protected async submit(): Promise<void> {
    const { alert, cap } = this.form.getRawValue();
    const draft = spendingControlsDraft(alert, cap, this.data.currency, this.data, (minor) => this.money(minor));
    if (!draft.ok) {
      this.problems.set(draft);
      return;
    }
    this.problems.set({});
    this.busy.set(true);
    this.error.set(null);
    try {
      const { setSpendingControls } = await dataOf(
        this.mutation.mutate({ variables: { alertMinor: draft.alertMinor, capMinor: draft.capMinor } }),
      );
      this.ref.close(setSpendingControls);
    } catch (error) {
      this.error.set(userMessage(error));
    } finally {
      this.busy.set(false);
    }
  }

  private typed(minor: string | null): string {
    return minor === null ? '' : toMajorText(minor, this.data.currency);
  }

  private money(minor: string): string {
    return formatMoney(minor, this.data.currency, this.locale);
  }
}

export function openSpendingControlsDialog(
  dialog: MatDialog,
  spending: SpendingFieldsFragment,
): Observable<SpendingFieldsFragment | undefined> {
  return dialog.open(SpendingControlsDialog, { data: spending, autoFocus: 'first-tabbable' }).afterClosed();
}
