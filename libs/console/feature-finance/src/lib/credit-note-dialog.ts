import { ChangeDetectionStrategy, Component, computed, inject, LOCALE_ID, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormArray, FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import {
  type CreditNoteFieldsFragment,
  type CreditNoteReason,
  dataOf,
  type InvoiceFieldsFragment,
  IssueCreditNoteGQL,
  userMessage,
} from '@warbler/console/data-access';
import {
  CREDIT_NOTE_REASON_LABELS,
  formatDecimal,
  formatMoney,
  MoneyTotals,
  newIdempotencyKey,
  toMajorText,
  type TotalRow,
} from '@warbler/console/feature-billing';
import { map, type Observable, startWith } from 'rxjs';
import { creditableInvoice, creditableMinor, creditNoteDraft, type CreditSelection } from './credit-note-draft';

interface CreditableRow {
  lineId: string;
  description: string;
  chargedMinor: string;
  creditableMinor: string;
}

const MEMO_MAX = 1000;

/**
 * Corrects an issued invoice: choose the lines (or a free-standing amount) and how much of each to
 * credit; the tax and total are shown, computed by the API's own rules, before anything is issued.
 */
@Component({
  selector: 'wb-credit-note-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatButton,
    MatCheckbox,
    MatFormFieldModule,
    MatInput,
    MatProgressBar,
    MatSelectModule,
    MoneyTotals,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './credit-note-dialog.html',
  styleUrl: './credit-note-dialog.scss',
})
export class CreditNoteDialog {
  private readonly issue = inject(IssueCreditNoteGQL);
  private readonly dialogRef = inject<MatDialogRef<CreditNoteDialog, CreditNoteFieldsFragment>>(MatDialogRef);
  private readonly locale = inject(LOCALE_ID);
  protected readonly invoice = inject<InvoiceFieldsFragment>(MAT_DIALOG_DATA);

  private readonly creditable = creditableInvoice(this.invoice);
  protected readonly rows: CreditableRow[] = this.invoice.lines
    .map((line) => ({
      lineId: line.id,
      description: line.description,
      chargedMinor: line.amountMinor,
      creditableMinor: creditableMinor(this.creditable, line.id).toString(),
    }))
    .filter((row) => row.creditableMinor !== '0');
  protected readonly reasons = Object.entries(CREDIT_NOTE_REASON_LABELS).map(([value, label]) => ({
    value: value as CreditNoteReason,
    label,
  }));
  protected readonly memoMax = MEMO_MAX;
  protected readonly form = new FormGroup({
    lines: new FormArray(
      this.rows.map(
        () =>
          new FormGroup({
            selected: new FormControl(false, { nonNullable: true }),
            amount: new FormControl({ value: '', disabled: true }, { nonNullable: true }),
          }),
      ),
    ),
    other: new FormGroup({
      selected: new FormControl(false, { nonNullable: true }),
      description: new FormControl({ value: '', disabled: true }, { nonNullable: true }),
      amount: new FormControl({ value: '', disabled: true }, { nonNullable: true }),
    }),
    reason: new FormControl<CreditNoteReason | null>(null, { validators: Validators.required }),
    memo: new FormControl('', { nonNullable: true, validators: Validators.maxLength(MEMO_MAX) }),
  });
  private readonly values = toSignal(
    this.form.valueChanges.pipe(
      startWith(null),
      map(() => this.form.getRawValue()),
    ),
    {
      requireSync: true,
    },
  );
  /** The selections in request order: the chosen invoice lines, then the free-standing amount. */
  private readonly selections = computed<{ selection: CreditSelection; row: number | 'other' }[]>(() => {
    const { lines, other } = this.values();
    const chosen: { selection: CreditSelection; row: number | 'other' }[] = lines.flatMap((line, index) =>
      line.selected
        ? [{ selection: { invoiceLineId: this.rows[index].lineId, description: '', amount: line.amount }, row: index }]
        : [],
    );
    if (other.selected) {
      chosen.push({
        selection: { invoiceLineId: null, description: other.description, amount: other.amount },
        row: 'other',
      });
    }
    return chosen;
  });
  protected readonly draft = computed(() =>
    creditNoteDraft(
      this.invoice,
      this.selections().map((each) => each.selection),
      this.locale,
    ),
  );
  protected readonly problem = computed(() => {
    const draft = this.draft();
    return draft.ok ? null : draft.problem;
  });
  /** The row a problem is about, to show it there rather than only below. */
  protected readonly problemRow = computed(() => {
    const draft = this.draft();
    if (draft.ok || draft.index === undefined) return null;
    return this.selections()[draft.index]?.row ?? null;
  });
  protected readonly totals = computed<TotalRow[]>(() => {
    const draft = this.draft();
    if (!draft.ok) return [];
    const rate = this.invoice.taxRatePercent;
    return [
      { label: 'Credited lines', minor: draft.totals.subtotalMinor, testId: 'credit-subtotal' },
      {
        label: rate === null ? 'Tax' : `Tax (${formatDecimal(rate, this.locale)}%)`,
        minor: draft.totals.taxMinor,
        testId: 'credit-tax',
      },
      { label: 'Credit note total', minor: draft.totals.totalMinor, emphasis: true, testId: 'credit-total' },
    ];
  });
  /** What issuing it does: lowers what an open invoice asks for, or records a refund of a paid one. */
  protected readonly outcome = computed(() => {
    const draft = this.draft();
    if (!draft.ok) return null;
    const total = BigInt(draft.totals.totalMinor);
    if (this.invoice.status === 'PAID') {
      return `Records a refund of ${this.money(total.toString())}: pay it back to ${this.invoice.tenantName} outside Warbler.`;
    }
    const due = BigInt(this.invoice.amountDueMinor);
    const after = due > total ? due - total : 0n;
    const refund = total > due ? ` and ${this.money((total - due).toString())} is refunded` : '';
    return after === 0n
      ? `Nothing is left to pay: the invoice becomes paid${refund}.`
      : `The amount due goes from ${this.money(due.toString())} to ${this.money(after.toString())}.`;
  });
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  private readonly idempotencyKey = newIdempotencyKey();

  constructor() {
    this.form.controls.lines.controls.forEach((group, index) =>
      group.controls.selected.valueChanges.pipe(takeUntilDestroyed()).subscribe((selected) => {
        const { amount } = group.controls;
        if (selected) {
          amount.enable();
          if (amount.value === '')
            amount.setValue(toMajorText(this.rows[index].creditableMinor, this.invoice.currency));
        } else {
          amount.disable();
        }
      }),
    );
    const other = this.form.controls.other.controls;
    other.selected.valueChanges.pipe(takeUntilDestroyed()).subscribe((selected) => {
      for (const control of [other.description, other.amount]) {
        if (selected) control.enable();
        else control.disable();
      }
    });
  }

  protected money(minor: string): string {
    return formatMoney(minor, this.invoice.currency, this.locale);
  }

  async submit(): Promise<void> {
    const draft = this.draft();
    if (!draft.ok || this.form.invalid || this.busy()) {
      this.form.markAllAsTouched();
      return;
    }
    const { reason, memo } = this.form.getRawValue();
    this.busy.set(true);
    this.error.set(null);
    try {
      const { issueCreditNote } = await dataOf(
        this.issue.mutate({
          variables: {
            input: {
              invoiceId: this.invoice.id,
              reason: reason as CreditNoteReason,
              memo: memo.trim() || null,
              lines: draft.lines,
            },
            idempotencyKey: this.idempotencyKey,
          },
        }),
      );
      this.dialogRef.close(issueCreditNote);
    } catch (error) {
      this.error.set(userMessage(error));
    } finally {
      this.busy.set(false);
    }
  }
}

/** Emits the credit note issued, or undefined when the dialog was cancelled. */
export function openCreditNoteDialog(
  dialog: MatDialog,
  invoice: InvoiceFieldsFragment,
): Observable<CreditNoteFieldsFragment | undefined> {
  return dialog
    .open<CreditNoteDialog, InvoiceFieldsFragment, CreditNoteFieldsFragment>(CreditNoteDialog, {
      data: invoice,
      width: '760px',
      maxWidth: '95vw',
    })
    .afterClosed()
    .pipe(map((issued) => issued ?? undefined));
}
