import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { dataOf, type InvoiceFieldsFragment, userMessage, VoidInvoiceGQL } from '@warbler/console/data-access';
import { map, type Observable } from 'rxjs';

const REASON_MAX = 500;

/** Voids a draft or an unpaid open invoice, with the reason the tenant and the auditors will read. */
@Component({
  selector: 'wb-void-invoice-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatButton, MatFormFieldModule, MatInput, MatProgressBar],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()">
      <h2 mat-dialog-title>Void {{ invoice.number ?? 'this draft' }}?</h2>
      <mat-dialog-content>
        @if (busy()) {
          <mat-progress-bar mode="indeterminate" aria-label="Voiding the invoice" />
        }
        @if (error(); as message) {
          <p class="error" role="alert">{{ message }}</p>
        }
        <p class="context">
          {{ invoice.tenantName }} will owe nothing for it.
          @if (invoice.number) {
            It keeps its number, so the sequence stays without gaps.
          } @else {
            A voided draft never gets a number.
          }
          This cannot be undone.
        </p>
        <mat-form-field appearance="outline">
          <mat-label>Reason</mat-label>
          <textarea matInput formControlName="reason" rows="3" [maxlength]="max" cdkFocusInitial></textarea>
          <mat-hint align="end">{{ reason.value.length }} / {{ max }}</mat-hint>
          <mat-error>Say why, in up to {{ max }} characters</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" class="destructive" [disabled]="busy()">Void invoice</button>
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
export class VoidInvoiceDialog {
  private readonly voidInvoice = inject(VoidInvoiceGQL);
  private readonly dialogRef = inject<MatDialogRef<VoidInvoiceDialog, InvoiceFieldsFragment>>(MatDialogRef);
  protected readonly invoice = inject<InvoiceFieldsFragment>(MAT_DIALOG_DATA);

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
      const { voidInvoice } = await dataOf(
        this.voidInvoice.mutate({ variables: { id: this.invoice.id, reason: this.reason.value.trim() } }),
      );
      this.dialogRef.close(voidInvoice);
    } catch (error) {
      this.error.set(userMessage(error));
    } finally {
      this.busy.set(false);
    }
  }
}

/** Emits the voided invoice, or undefined when the dialog was cancelled. */
export function openVoidInvoiceDialog(
  dialog: MatDialog,
  invoice: InvoiceFieldsFragment,
): Observable<InvoiceFieldsFragment | undefined> {
  return dialog
    .open<VoidInvoiceDialog, InvoiceFieldsFragment, InvoiceFieldsFragment>(VoidInvoiceDialog, {
      data: invoice,
      width: '520px',
    })
    .afterClosed()
    .pipe(map((voided) => voided ?? undefined));
}
