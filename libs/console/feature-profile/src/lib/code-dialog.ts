import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { type Observable } from 'rxjs';

export interface CodeDialogData {
  title: string;
  message: string;
  confirmLabel: string;
}

/** Asks for a current authenticator code before a change to the second factor itself. */
@Component({
  selector: 'wb-code-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatButton, MatFormFieldModule, MatInput],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()">
      <h2 mat-dialog-title>{{ data.title }}</h2>
      <mat-dialog-content>
        <p>{{ data.message }}</p>
        <mat-form-field appearance="outline">
          <mat-label>Authentication code</mat-label>
          <input matInput formControlName="code" inputmode="numeric" autocomplete="one-time-code" maxlength="6" />
          @if (form.controls.code.hasError('pattern')) {
            <mat-error>Enter the 6 digits from your app</mat-error>
          }
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="form.invalid">
          {{ data.confirmLabel }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    p {
      margin: 0 0 16px;
      max-width: 48ch;
    }
    mat-form-field {
      width: 220px;
    }
  `,
})
export class CodeDialog {
  protected readonly data = inject<CodeDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<CodeDialog, string>>(MatDialogRef);
  protected readonly form = new FormGroup({
    code: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.pattern(/^\d{6}$/)],
    }),
  });

  submit(): void {
    if (this.form.valid) this.ref.close(this.form.controls.code.value);
  }
}

/** Emits the code entered, or undefined when the person cancelled. */
export function askForCode(dialog: MatDialog, data: CodeDialogData): Observable<string | undefined> {
  return dialog.open<CodeDialog, CodeDialogData, string>(CodeDialog, { data, width: '420px' }).afterClosed();
}
