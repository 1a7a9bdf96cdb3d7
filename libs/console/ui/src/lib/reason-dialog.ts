import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { map, type Observable } from 'rxjs';

const REASON_MAX = 500;

/** A change that must say why (voiding an invoice, suspending a tenant): the reason goes on record. */
export interface ReasonDialogData<T> {
  title: string;
  /** What the change does, in a sentence or two, above the reason field. */
  context: string;
  confirmLabel: string;
  /** Read by screen readers while the change is under way. */
  busyLabel: string;
  /** The confirm button in the error colour, for what cannot be undone or takes something away. */
  destructive?: boolean;
  /** Makes the change with the trimmed reason; a failure keeps the dialog open and shows why. */
  submit: (reason: string) => Promise<T>;
  /** Turns a failure of `submit` into words for the person. */
  describeError: (error: unknown) => string;
}

@Component({
  selector: 'wb-reason-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatButton, MatFormFieldModule, MatInput, MatProgressBar],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()">
      <h2 mat-dialog-title>{{ data.title }}</h2>
      <mat-dialog-content>
        @if (busy()) {
          <mat-progress-bar mode="indeterminate" [attr.aria-label]="data.busyLabel" />
        }
        @if (error(); as message) {
          <p class="error" role="alert">{{ message }}</p>
        }
        <p class="context">{{ data.context }}</p>
        <mat-form-field appearance="outline">
          <mat-label>Reason</mat-label>
          <textarea matInput formControlName="reason" rows="3" [maxlength]="max" cdkFocusInitial></textarea>
          <mat-hint align="end">{{ reason.value.length }} / {{ max }}</mat-hint>
          <mat-error>Say why, in up to {{ max }} characters</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [class.destructive]="data.destructive" [disabled]="busy()">
          {{ data.confirmLabel }}
        </button>
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
      max-width: 52ch;
    }
    .error {
      margin: 0 0 8px;
      padding: 12px 14px;
      border-radius: var(--mat-sys-corner-small);
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .destructive {
      --mat-button-filled-container-color: var(--mat-sys-error);
      --mat-button-filled-label-text-color: var(--mat-sys-on-error);
    }
  `,
})
export class ReasonDialog<T> {
  private readonly dialogRef = inject<MatDialogRef<ReasonDialog<T>, T>>(MatDialogRef);
  protected readonly data = inject<ReasonDialogData<T>>(MAT_DIALOG_DATA);

  protected readonly max = REASON_MAX;
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  // Whitespace alone is no reason: the API trims and refuses it too.
  protected readonly reason = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, Validators.pattern(/\S/), Validators.maxLength(REASON_MAX)],
  });
  protected readonly form = new FormGroup({ reason: this.reason });

  async submit(): Promise<void> {
    if (this.reason.invalid || this.busy()) {
      this.reason.markAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      this.dialogRef.close(await this.data.submit(this.reason.value.trim()));
    } catch (error) {
      this.error.set(this.data.describeError(error));
    } finally {
      this.busy.set(false);
    }
  }
}

/** Emits what `submit` answered, or undefined when the dialog was cancelled. */
export function openReasonDialog<T>(dialog: MatDialog, data: ReasonDialogData<T>): Observable<T | undefined> {
  return dialog
    .open<ReasonDialog<T>, ReasonDialogData<T>, T>(ReasonDialog, { data, width: '520px' })
    .afterClosed()
    .pipe(map((answer) => answer ?? undefined));
}
