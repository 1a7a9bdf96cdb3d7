import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import {
  CreateWebhookEndpointGQL,
  dataOf,
  UpdateWebhookEndpointGQL,
  userMessage,
  type WebhookEndpointFieldsFragment,
  type WebhookEventType,
} from '@warbler/console/data-access';
import type { Observable } from 'rxjs';
import { EVENT_TYPES } from './webhook-labels';
import { WebhookSecret } from './webhook-secret';

const URL_PATTERN = /^\s*https?:\/\/\S+\s*$/i;

/**
 * Registers an endpoint (then shows its signing secret once: it lives only in this dialog, never in
 * the Apollo cache) or changes one, given as the dialog's data.
 */
@Component({
  selector: 'wb-webhook-endpoint-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatButton,
    MatCheckbox,
    MatFormFieldModule,
    MatInput,
    MatProgressBar,
    WebhookSecret,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (secret(); as shown) {
      <h2 mat-dialog-title>Endpoint added</h2>
      <mat-dialog-content>
        <wb-webhook-secret [secret]="shown" />
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-flat-button type="button" (click)="done()">I've saved the secret</button>
      </mat-dialog-actions>
    } @else {
      <form [formGroup]="form" (ngSubmit)="submit()">
        <h2 mat-dialog-title>{{ editing ? 'Edit endpoint' : 'Add a webhook endpoint' }}</h2>
        <mat-dialog-content>
          @if (busy()) {
            <mat-progress-bar mode="indeterminate" aria-label="Saving the endpoint" />
          }
          @if (error(); as message) {
            <p class="error" role="alert">{{ message }}</p>
          }
          <mat-form-field appearance="outline" class="first">
            <mat-label>Endpoint URL</mat-label>
            <input
              matInput
              formControlName="url"
              autocomplete="off"
              placeholder="https://example.com/webhooks/warbler"
              cdkFocusInitial
            />
            <mat-hint>An https:// address of your software that accepts POST requests</mat-hint>
            @if (form.controls.url.hasError('required')) {
              <mat-error>Enter the URL to send events to</mat-error>
            } @else if (form.controls.url.hasError('pattern')) {
              <mat-error>Enter a full URL starting with https://</mat-error>
            }
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Description (optional)</mat-label>
            <input matInput formControlName="description" autocomplete="off" maxlength="200" />
            <mat-hint>What receives the events, e.g. "Billing sync (production)"</mat-hint>
          </mat-form-field>
          <fieldset>
            <legend>Events to send</legend>
            <div class="events">
              @for (type of eventTypes; track type.value) {
                <mat-checkbox [checked]="chosen().has(type.value)" (change)="toggle(type.value, $event.checked)">
                  {{ type.label }} <span class="hint">{{ type.hint }}</span>
                </mat-checkbox>
              }
            </div>
            @if (eventsMissing()) {
              <p class="field-error" role="alert">Choose at least one event</p>
            }
          </fieldset>
        </mat-dialog-content>
        <mat-dialog-actions align="end">
          <button mat-button type="button" mat-dialog-close>Cancel</button>
          <button mat-flat-button type="submit" [disabled]="busy()">{{ editing ? 'Save' : 'Add endpoint' }}</button>
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
      min-width: min(520px, 80vw);
    }
    /* The outlined label sits above the field: room for it, or the scrolling content cuts it. */
    .first {
      margin-top: 8px;
    }
    fieldset {
      margin: 8px 0;
      padding: 0;
      border: 0;
    }
    legend {
      font: var(--mat-sys-label-large);
      margin-bottom: 4px;
    }
    .events {
      display: grid;
      grid-template-columns: 1fr;
    }
    .hint {
      display: block;
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
export class EndpointDialog {
  private readonly createEndpoint = inject(CreateWebhookEndpointGQL);
  private readonly updateEndpoint = inject(UpdateWebhookEndpointGQL);
  private readonly dialogRef = inject<MatDialogRef<EndpointDialog, WebhookEndpointFieldsFragment>>(MatDialogRef);
  private readonly existing = inject<WebhookEndpointFieldsFragment | null>(MAT_DIALOG_DATA);

  protected readonly editing = this.existing !== null;
  protected readonly eventTypes = EVENT_TYPES;
  protected readonly chosen = signal(new Set<WebhookEventType>(this.existing?.eventTypes ?? []));
  protected readonly eventsMissing = signal(false);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly secret = signal<string | null>(null);
  private created: WebhookEndpointFieldsFragment | undefined;
  protected readonly form = new FormGroup({
    url: new FormControl(this.existing?.url ?? '', {
      nonNullable: true,
      validators: [Validators.required, Validators.pattern(URL_PATTERN), Validators.maxLength(2048)],
    }),
    description: new FormControl(this.existing?.description ?? '', {
      nonNullable: true,
      validators: [Validators.maxLength(200)],
    }),
  });

  protected toggle(type: WebhookEventType, checked: boolean): void {
    this.chosen.update((types) => {
      const next = new Set(types);
      if (checked) next.add(type);
      else next.delete(type);
      return next;
    });
    this.eventsMissing.set(this.chosen().size === 0);
  }

  async submit(): Promise<void> {
    this.eventsMissing.set(this.chosen().size === 0);
    if (this.form.invalid || this.eventsMissing() || this.busy()) {
      this.form.markAllAsTouched();
      return;
    }
    const input = {
      url: this.form.controls.url.value.trim(),
      description: this.form.controls.description.value.trim(),
      eventTypes: EVENT_TYPES.map((type) => type.value).filter((type) => this.chosen().has(type)),
    };
    this.busy.set(true);
    this.error.set(null);
    try {
      if (this.existing) {
        const { updateWebhookEndpoint } = await dataOf(
          this.updateEndpoint.mutate({ variables: { id: this.existing.id, input } }),
        );
        this.dialogRef.close(updateWebhookEndpoint);
        return;
      }
      const { createWebhookEndpoint } = await dataOf(
        // The secret must not linger in the Apollo cache.
        this.createEndpoint.mutate({ variables: { input }, fetchPolicy: 'no-cache' }),
      );
      // Closing by accident would lose the secret for good.
      this.dialogRef.disableClose = true;
      this.created = createWebhookEndpoint.endpoint;
      this.secret.set(createWebhookEndpoint.secret);
    } catch (error) {
      this.error.set(userMessage(error));
    } finally {
      this.busy.set(false);
    }
  }

  protected done(): void {
    this.secret.set(null);
    this.dialogRef.close(this.created);
  }
}

/** Emits the saved endpoint (never its secret), or undefined when the dialog was cancelled. */
export function openEndpointDialog(
  dialog: MatDialog,
  endpoint: WebhookEndpointFieldsFragment | null = null,
): Observable<WebhookEndpointFieldsFragment | undefined> {
  return dialog
    .open<EndpointDialog, WebhookEndpointFieldsFragment | null, WebhookEndpointFieldsFragment>(EndpointDialog, {
      width: '600px',
      data: endpoint,
    })
    .afterClosed();
}
