import { DatePipe, JsonPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import {
  dataOf,
  RedeliverWebhookGQL,
  userMessage,
  type WebhookDeliveryFieldsFragment,
} from '@warbler/console/data-access';
import { StatusChip } from '@warbler/console/ui';
import type { Observable } from 'rxjs';
import { attemptSummary, DELIVERY_STATUS, eventLabel } from './webhook-labels';

export interface DeliveryDialogData {
  delivery: WebhookDeliveryFieldsFragment;
  canRedeliver: boolean;
}

/** One delivery: what was sent, and every attempt at it with the endpoint's answer. */
@Component({
  selector: 'wb-webhook-delivery-dialog',
  imports: [DatePipe, JsonPipe, MatDialogModule, MatButton, MatIcon, StatusChip],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ label(delivery.event.type) }}</h2>
    <mat-dialog-content>
      <dl class="facts">
        <dt>Status</dt>
        <dd>
          <wb-status-chip [tone]="status.tone" [hint]="status.hint">{{ status.label }}</wb-status-chip>
          @if (delivery.status === 'PENDING' && delivery.nextAttemptAt) {
            <span class="muted">next attempt {{ delivery.nextAttemptAt | date: 'medium' }}</span>
          }
        </dd>
        <dt>Endpoint</dt>
        <dd class="mono">{{ delivery.endpointUrl }}</dd>
        <dt>Event id</dt>
        <dd class="mono">{{ delivery.event.id }}</dd>
        <dt>Event type</dt>
        <dd class="mono">{{ delivery.event.type }}</dd>
        <dt>Happened</dt>
        <dd>{{ delivery.event.createdAt | date: 'medium' }}</dd>
        <dt>Retried until</dt>
        <dd>{{ delivery.retryUntil | date: 'medium' }}</dd>
      </dl>

      <h3>Attempts</h3>
      @if (delivery.attemptLog.length === 0) {
        <p class="muted">No attempt yet: it goes out within seconds.</p>
      } @else {
        <ol class="attempts" aria-label="Attempts">
          @for (attempt of delivery.attemptLog; track attempt.number) {
            <li [class.ok]="attempt.succeeded">
              <mat-icon aria-hidden="true">{{ attempt.succeeded ? 'check_circle' : 'error' }}</mat-icon>
              <div>
                <div class="line">
                  <strong>#{{ attempt.number }} · {{ summary(attempt) }}</strong>
                  <span class="muted">{{ attempt.attemptedAt | date: 'medium' }} · {{ attempt.durationMs }} ms</span>
                </div>
                @if (attempt.statusCode !== null && attempt.error) {
                  <div class="muted">{{ attempt.error }}</div>
                }
                @if (attempt.responseSnippet) {
                  <pre class="snippet">{{ attempt.responseSnippet }}</pre>
                }
              </div>
            </li>
          }
        </ol>
      }

      <h3>Payload data</h3>
      <pre class="payload">{{ delivery.event.data | json }}</pre>
      @if (error(); as message) {
        <p class="error" role="alert">{{ message }}</p>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>Close</button>
      @if (data.canRedeliver) {
        <button mat-flat-button type="button" [disabled]="busy()" (click)="redeliver()">
          <mat-icon>replay</mat-icon>
          Redeliver now
        </button>
      }
    </mat-dialog-actions>
  `,
  styles: `
    mat-dialog-content {
      display: grid;
      gap: 8px;
    }
    h3 {
      margin: 12px 0 0;
      font: var(--mat-sys-title-small);
    }
    .facts {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 6px 16px;
      margin: 0;
    }
    dt {
      font: var(--mat-sys-label-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    dd {
      display: flex;
      align-items: center;
      gap: 8px;
      margin: 0;
      min-width: 0;
      overflow-wrap: anywhere;
    }
    .mono,
    pre {
      font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
      font-size: 0.8125rem;
    }
    .attempts {
      display: grid;
      gap: 8px;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .attempts li {
      display: flex;
      gap: 8px;
      color: var(--mat-sys-error);
    }
    .attempts li.ok {
      color: var(--mat-sys-primary);
    }
    .attempts li > div {
      color: var(--mat-sys-on-surface);
      min-width: 0;
    }
    .line {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 12px;
    }
    .muted {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    pre {
      margin: 4px 0 0;
      padding: 8px 10px;
      max-height: 240px;
      overflow: auto;
      border-radius: var(--mat-sys-corner-small);
      background: var(--mat-sys-surface-container-high);
      white-space: pre-wrap;
      word-break: break-word;
    }
    .error {
      padding: 12px 14px;
      border-radius: var(--mat-sys-corner-small);
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
  `,
})
export class DeliveryDialog {
  private readonly redeliverMutation = inject(RedeliverWebhookGQL);
  private readonly dialogRef = inject<MatDialogRef<DeliveryDialog, boolean>>(MatDialogRef);
  protected readonly data = inject<DeliveryDialogData>(MAT_DIALOG_DATA);
  protected readonly delivery = this.data.delivery;
  protected readonly status = DELIVERY_STATUS[this.delivery.status];
  protected readonly label = eventLabel;
  protected readonly summary = attemptSummary;
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  async redeliver(): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      await dataOf(this.redeliverMutation.mutate({ variables: { id: this.delivery.id } }));
      this.dialogRef.close(true);
    } catch (error) {
      this.error.set(userMessage(error));
    } finally {
      this.busy.set(false);
    }
  }
}

/** Emits true when the person asked for another attempt. */
export function openDeliveryDialog(dialog: MatDialog, data: DeliveryDialogData): Observable<boolean | undefined> {
  return dialog
    .open<DeliveryDialog, DeliveryDialogData, boolean>(DeliveryDialog, { width: '720px', data })
    .afterClosed();
}
