import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import {
  type BillingSubscriptionFieldsFragment,
  CancelSubscriptionGQL,
  dataOf,
  userMessage,
} from '@warbler/console/data-access';
import { map, type Observable } from 'rxjs';
import { newIdempotencyKey } from './plan-terms';

export interface CancelSubscriptionData {
  subscription: BillingSubscriptionFieldsFragment;
  /** The plan cancelling moves the tenant onto. */
  defaultPlanName: string;
}

/** Cancels at the end of the period (the default, undone with Resume) or at once, prorated. */
@Component({
  selector: 'wb-cancel-subscription-dialog',
  imports: [DatePipe, ReactiveFormsModule, MatDialogModule, MatButton, MatProgressBar, MatRadioModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>Cancel {{ data.subscription.planName }}?</h2>
    <mat-dialog-content>
      @if (busy()) {
        <mat-progress-bar mode="indeterminate" aria-label="Cancelling" />
      }
      @if (error(); as message) {
        <p class="error" role="alert">{{ message }}</p>
      }
      <p>Cancelling moves this tenant onto the {{ data.defaultPlanName }} plan, with its limits.</p>
      <mat-radio-group [formControl]="atPeriodEnd" class="choices" aria-label="When to cancel">
        <mat-radio-button [value]="true">
          When this period ends ({{ data.subscription.currentPeriodEnd | date: 'mediumDate' }})
          <span class="hint">Everything stays as it is until then, and you can resume before it.</span>
        </mat-radio-button>
        <mat-radio-button [value]="false">
          Now
          <span class="hint">The unused time of this period is credited on its invoice.</span>
        </mat-radio-button>
      </mat-radio-group>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>Keep {{ data.subscription.planName }}</button>
      <button mat-flat-button type="button" class="destructive" [disabled]="busy()" (click)="cancel()">
        Cancel subscription
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    p {
      margin: 0 0 12px;
      max-width: 56ch;
    }
    .choices {
      display: grid;
      gap: 8px;
    }
    .hint {
      display: block;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .error {
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
export class CancelSubscriptionDialog {
  private readonly cancelMutation = inject(CancelSubscriptionGQL);
  private readonly dialogRef =
    inject<MatDialogRef<CancelSubscriptionDialog, BillingSubscriptionFieldsFragment>>(MatDialogRef);
  protected readonly data = inject<CancelSubscriptionData>(MAT_DIALOG_DATA);

  protected readonly atPeriodEnd = new FormControl(true, { nonNullable: true });
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  private readonly keys = { true: newIdempotencyKey(), false: newIdempotencyKey() };

  async cancel(): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    const atPeriodEnd = this.atPeriodEnd.value;
    try {
      const { cancelSubscription } = await dataOf(
        this.cancelMutation.mutate({ variables: { atPeriodEnd, idempotencyKey: this.keys[`${atPeriodEnd}`] } }),
      );
      this.dialogRef.close(cancelSubscription);
    } catch (error) {
      this.error.set(userMessage(error));
    } finally {
      this.busy.set(false);
    }
  }
}

/** Emits the cancelled subscription, or undefined when the person kept it. */
export function openCancelSubscriptionDialog(
  dialog: MatDialog,
  data: CancelSubscriptionData,
): Observable<BillingSubscriptionFieldsFragment | undefined> {
  return dialog
    .open<CancelSubscriptionDialog, CancelSubscriptionData, BillingSubscriptionFieldsFragment>(
      CancelSubscriptionDialog,
      { data, width: '520px' },
    )
    .afterClosed()
    .pipe(map((cancelled) => cancelled ?? undefined));
}
