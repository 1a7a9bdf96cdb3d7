import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { type ApiKeyFieldsFragment, dataOf, RenameApiKeyGQL, userMessage } from '@warbler/console/data-access';
import { map, type Observable } from 'rxjs';

/** A key's new name; the key itself and its secret stay the same. */
@Component({
  selector: 'wb-rename-api-key-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatButton, MatFormFieldModule, MatInput],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form (ngSubmit)="submit()">
      <h2 mat-dialog-title>Rename API key</h2>
      <mat-dialog-content>
        @if (error(); as message) {
          <p class="error" role="alert">{{ message }}</p>
        }
        <mat-form-field appearance="outline">
          <mat-label>Name</mat-label>
          <input matInput [formControl]="name" autocomplete="off" maxlength="100" cdkFocusInitial />
          @if (name.hasError('required')) {
            <mat-error>Give the key a name</mat-error>
          }
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="busy()">Rename</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    mat-form-field {
      width: min(400px, 80vw);
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
export class RenameApiKeyDialog {
  private readonly rename = inject(RenameApiKeyGQL);
  private readonly dialogRef = inject<MatDialogRef<RenameApiKeyDialog, boolean>>(MatDialogRef);
  private readonly key = inject<ApiKeyFieldsFragment>(MAT_DIALOG_DATA);

  protected readonly name = new FormControl(this.key.name, {
    nonNullable: true,
    validators: [Validators.required, Validators.maxLength(100)],
  });
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  async submit(): Promise<void> {
    const name = this.name.value.trim();
    if (this.name.invalid || !name || this.busy()) {
      this.name.markAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      await dataOf(this.rename.mutate({ variables: { id: this.key.id, name } }));
      this.dialogRef.close(true);
    } catch (error) {
      this.error.set(userMessage(error));
    } finally {
      this.busy.set(false);
    }
  }
}

export function openRenameApiKeyDialog(dialog: MatDialog, key: ApiKeyFieldsFragment): Observable<boolean> {
  return dialog
    .open<RenameApiKeyDialog, ApiKeyFieldsFragment, boolean>(RenameApiKeyDialog, { data: key })
    .afterClosed()
    .pipe(map((renamed) => renamed === true));
}
