import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { provideNativeDateAdapter } from '@angular/material/core';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import {
  type ApiKeyFieldsFragment,
  type ApiKeyScope,
  CreateApiKeyGQL,
  dataOf,
  userMessage,
} from '@warbler/console/data-access';
import type { Observable } from 'rxjs';
import { ApiKeySecret } from './api-key-secret';
import { SCOPES } from './api-key-labels';

interface Created {
  apiKey: ApiKeyFieldsFragment;
  secret: string;
}

/**
 * Creates a key, then shows its secret once. The secret lives only in this dialog: it is not
 * cached, not returned to the page, and gone when the dialog closes.
 */
@Component({
  selector: 'wb-create-api-key-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatButton,
    MatCheckbox,
    MatDatepickerModule,
    MatFormFieldModule,
    MatInput,
    MatProgressBar,
    ApiKeySecret,
  ],
  providers: [provideNativeDateAdapter()],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (created(); as result) {
      <h2 mat-dialog-title>Your new API key</h2>
      <mat-dialog-content>
        <wb-api-key-secret [name]="result.apiKey.name" [secret]="result.secret" />
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-flat-button type="button" (click)="done()">I've saved the key</button>
      </mat-dialog-actions>
    } @else {
      <form [formGroup]="form" (ngSubmit)="submit()">
        <h2 mat-dialog-title>Create an API key</h2>
        <mat-dialog-content>
          @if (busy()) {
            <mat-progress-bar mode="indeterminate" aria-label="Creating the key" />
          }
          @if (error(); as message) {
            <p class="error" role="alert">{{ message }}</p>
          }
          <mat-form-field appearance="outline">
            <mat-label>Name</mat-label>
            <input matInput formControlName="name" autocomplete="off" maxlength="100" cdkFocusInitial />
            <mat-hint>Where it is used, e.g. "Production ingest"</mat-hint>
            @if (form.controls.name.hasError('required')) {
              <mat-error>Give the key a name</mat-error>
            }
          </mat-form-field>
          <fieldset>
            <legend>Scopes</legend>
            @for (scope of scopes; track scope.value) {
              <mat-checkbox [checked]="chosen().has(scope.value)" (change)="toggle(scope.value, $event.checked)">
                {{ scope.label }} <span class="hint">{{ scope.hint }}</span>
              </mat-checkbox>
            }
            @if (scopesMissing()) {
              <p class="field-error" role="alert">Choose at least one scope</p>
            }
          </fieldset>
          <mat-form-field appearance="outline">
            <mat-label>Expires (optional)</mat-label>
            <input matInput formControlName="expiresOn" [matDatepicker]="picker" [min]="tomorrow" />
            <mat-datepicker-toggle matIconSuffix [for]="picker" />
            <mat-datepicker #picker />
            <mat-hint>Leave empty for a key that works until revoked</mat-hint>
          </mat-form-field>
        </mat-dialog-content>
        <mat-dialog-actions align="end">
          <button mat-button type="button" mat-dialog-close>Cancel</button>
          <button mat-flat-button type="submit" [disabled]="busy()">Create key</button>
        </mat-dialog-actions>
      </form>
    }
  `,
  styles: `
    form,
    mat-dialog-content {
      display: flex;
      flex-direction: column;
      gap: 8px;
      min-width: min(440px, 80vw);
    }
    fieldset {
      display: flex;
      flex-direction: column;
      margin: 8px 0;
      padding: 0;
      border: 0;
    }
    legend {
      font: var(--mat-sys-label-large);
      margin-bottom: 4px;
    }
    .hint {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .field-error {
      margin: 0 0 0 12px;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-error);
    }
    .error {
      margin: 0 0 8px;
      padding: 12px 14px;
      border-radius: var(--mat-sys-corner-small);
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
      font: var(--mat-sys-body-medium);
    }
  `,
})
export class CreateApiKeyDialog {
  private readonly createKey = inject(CreateApiKeyGQL);
  private readonly dialogRef = inject<MatDialogRef<CreateApiKeyDialog, ApiKeyFieldsFragment>>(MatDialogRef);

  protected readonly scopes = SCOPES;
  protected readonly tomorrow = new Date(Date.now() + 86_400_000);
  protected readonly chosen = signal(new Set<ApiKeyScope>(['USAGE_WRITE']));
  protected readonly scopesMissing = signal(false);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly created = signal<Created | null>(null);
  protected readonly form = new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(100)] }),
    expiresOn: new FormControl<Date | null>(null),
  });

  protected toggle(scope: ApiKeyScope, checked: boolean): void {
    this.chosen.update((scopes) => {
      const next = new Set(scopes);
      if (checked) next.add(scope);
      else next.delete(scope);
      return next;
    });
    this.scopesMissing.set(this.chosen().size === 0);
  }

  async submit(): Promise<void> {
    const name = this.form.controls.name.value.trim();
    this.scopesMissing.set(this.chosen().size === 0);
    if (this.form.invalid || !name || this.scopesMissing() || this.busy()) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      const { createApiKey } = await dataOf(
        this.createKey.mutate({
          variables: {
            input: {
              name,
              scopes: this.scopes.map((scope) => scope.value).filter((scope) => this.chosen().has(scope)),
              expiresAt: endOfDay(this.form.controls.expiresOn.value),
            },
          },
          // The secret must not linger in the Apollo cache.
          fetchPolicy: 'no-cache',
        }),
      );
      // Closing by accident would lose the secret for good.
      this.dialogRef.disableClose = true;
      this.created.set(createApiKey);
    } catch (error) {
      this.error.set(userMessage(error));
    } finally {
      this.busy.set(false);
    }
  }

  protected done(): void {
    const apiKey = this.created()?.apiKey;
    this.created.set(null);
    this.dialogRef.close(apiKey);
  }
}

/** A key chosen to expire "on" a day works through the end of that day, in the person's time zone. */
function endOfDay(day: Date | null): string | null {
  if (!day) return null;
  const end = new Date(day);
  end.setHours(23, 59, 59, 999);
  return end.toISOString();
}

/** Emits the new key (without its secret) once the person has saved the secret, or undefined. */
export function openCreateApiKeyDialog(dialog: MatDialog): Observable<ApiKeyFieldsFragment | undefined> {
  return dialog
    .open<CreateApiKeyDialog, void, ApiKeyFieldsFragment>(CreateApiKeyDialog, { width: '560px' })
    .afterClosed();
}
