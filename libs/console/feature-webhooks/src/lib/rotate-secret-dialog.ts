import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatProgressBar } from '@angular/material/progress-bar';
import {
  dataOf,
  RotateWebhookSecretGQL,
  userMessage,
  type WebhookEndpointFieldsFragment,
} from '@warbler/console/data-access';
import type { Observable } from 'rxjs';
import { WebhookSecret } from './webhook-secret';

/** Rotates an endpoint's signing secret and shows the new one once. */
@Component({
  selector: 'wb-rotate-secret-dialog',
  imports: [MatDialogModule, MatButton, MatCheckbox, MatProgressBar, WebhookSecret],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (secret(); as shown) {
      <h2 mat-dialog-title>New signing secret</h2>
      <mat-dialog-content>
        <wb-webhook-secret [secret]="shown" />
        @if (!expireNow()) {
          <p class="note">
            The old secret keeps signing beside this one for 24 hours, so your software can switch over.
          </p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-flat-button type="button" (click)="dialogRef.close(true)">I've saved the secret</button>
      </mat-dialog-actions>
    } @else {
      <h2 mat-dialog-title>Rotate the signing secret?</h2>
      <mat-dialog-content>
        @if (busy()) {
          <mat-progress-bar mode="indeterminate" aria-label="Rotating the secret" />
        }
        @if (error(); as message) {
          <p class="error" role="alert">{{ message }}</p>
        }
        <p>
          Events to <strong>{{ endpoint.url }}</strong> get a new secret now. For 24 hours each request is signed with
          both the new and the current secret.
        </p>
        <mat-checkbox [checked]="expireNow()" (change)="expireNow.set($event.checked)">
          Stop signing with the current secret now (it leaked)
        </mat-checkbox>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="button" [disabled]="busy()" (click)="rotate()">Rotate secret</button>
      </mat-dialog-actions>
    }
  `,
  styles: `
    mat-dialog-content {
      display: grid;
      gap: 12px;
      max-width: 560px;
    }
    p {
      margin: 0;
    }
    .note {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .error {
      padding: 12px 14px;
      border-radius: var(--mat-sys-corner-small);
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
  `,
})
export class RotateSecretDialog {
  private readonly rotateMutation = inject(RotateWebhookSecretGQL);
  protected readonly dialogRef = inject<MatDialogRef<RotateSecretDialog, boolean>>(MatDialogRef);
  protected readonly endpoint = inject<WebhookEndpointFieldsFragment>(MAT_DIALOG_DATA);
  protected readonly expireNow = signal(false);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly secret = signal<string | null>(null);

  async rotate(): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      const { rotateWebhookSecret } = await dataOf(
        this.rotateMutation.mutate({
          variables: { id: this.endpoint.id, expireCurrentNow: this.expireNow() },
          fetchPolicy: 'no-cache',
        }),
      );
      this.dialogRef.disableClose = true;
      this.secret.set(rotateWebhookSecret.secret);
    } catch (error) {
      this.error.set(userMessage(error));
    } finally {
      this.busy.set(false);
    }
  }
}

/** Emits true once a new secret was made and shown. */
export function openRotateSecretDialog(
  dialog: MatDialog,
  endpoint: WebhookEndpointFieldsFragment,
): Observable<boolean | undefined> {
  return dialog
    .open<
      RotateSecretDialog,
      WebhookEndpointFieldsFragment,
      boolean
    >(RotateSecretDialog, { width: '600px', data: endpoint })
    .afterClosed();
}
