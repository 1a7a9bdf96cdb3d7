import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, input, LOCALE_ID, signal } from '@angular/core';
import { MatIconButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatTooltip } from '@angular/material/tooltip';
import { type CreditNoteFieldsFragment, type CreditNoteReason, userMessage } from '@warbler/console/data-access';
import { Notifier } from '@warbler/console/ui';
import { formatMoney } from '../money';
import { InvoiceFiles } from './invoice-files';

export const CREDIT_NOTE_REASON_LABELS: Record<CreditNoteReason, string> = {
  BILLING_ERROR: 'Billing error',
  DUPLICATE: 'Duplicate',
  FRAUDULENT: 'Fraudulent',
  ORDER_CHANGE: 'Order change',
  PRODUCT_UNSATISFACTORY: 'Product unsatisfactory',
  OTHER: 'Other',
};

/** The credit notes of an invoice: what each took back, why, and how it was settled. */
@Component({
  selector: 'wb-credit-notes-list',
  imports: [DatePipe, MatIconButton, MatIcon, MatTooltip],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @for (note of creditNotes(); track note.id) {
      <article class="note" [attr.aria-label]="'Credit note ' + note.number">
        <div class="head">
          <div>
            <strong>{{ note.number }}</strong>
            <span class="muted">
              · {{ note.issuedAt | date: 'mediumDate' }} · {{ reason(note) }} ·
              {{ note.settlement === 'REFUND' ? 'refund of money paid' : 'lowered the amount due' }}
            </span>
          </div>
          @if (canDownload()) {
            <button
              mat-icon-button
              type="button"
              [disabled]="busy() === note.id"
              [attr.aria-label]="'Download ' + note.number + ' as PDF'"
              matTooltip="Download PDF"
              (click)="download(note)"
            >
              <mat-icon>download</mat-icon>
            </button>
          }
        </div>
        @if (note.memo) {
          <p class="memo">{{ note.memo }}</p>
        }
        <dl class="amounts">
          @for (line of note.lines; track line.id) {
            <dt>{{ line.description }}</dt>
            <dd>−{{ money(line.amountMinor, note.currency) }}</dd>
          }
          <dt>Tax</dt>
          <dd>−{{ money(note.taxMinor, note.currency) }}</dd>
          <dt class="total">Credited</dt>
          <dd class="total">−{{ money(note.totalMinor, note.currency) }}</dd>
        </dl>
      </article>
    }
  `,
  styles: `
    :host {
      display: grid;
      gap: 12px;
      padding: 0 20px 16px;
    }
    .note {
      padding: 12px 16px;
      border-radius: var(--mat-sys-corner-small);
      background: var(--mat-sys-surface-container-low);
    }
    .head {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 8px;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
    .memo {
      margin: 4px 0 0;
      white-space: pre-wrap;
    }
    .amounts {
      display: grid;
      grid-template-columns: minmax(0, 1fr) max-content;
      gap: 4px 32px;
      margin: 8px 0 0;
    }
    dd {
      margin: 0;
      text-align: right;
      white-space: nowrap;
      font-variant-numeric: tabular-nums;
    }
    .total {
      font-weight: 500;
    }
  `,
})
export class CreditNotesList {
  private readonly files = inject(InvoiceFiles);
  private readonly notifier = inject(Notifier);
  private readonly locale = inject(LOCALE_ID);

  readonly creditNotes = input.required<readonly CreditNoteFieldsFragment[]>();
  readonly canDownload = input(false);
  protected readonly busy = signal<string | null>(null);

  protected reason(note: CreditNoteFieldsFragment): string {
    return CREDIT_NOTE_REASON_LABELS[note.reason];
  }

  protected money(minor: string, currency: string): string {
    return formatMoney(minor, currency, this.locale);
  }

  protected async download(note: CreditNoteFieldsFragment): Promise<void> {
    this.busy.set(note.id);
    try {
      this.notifier.success(`Downloaded ${await this.files.downloadCreditNotePdf(note)}`);
    } catch (error) {
      this.notifier.error(userMessage(error));
    } finally {
      this.busy.set(null);
    }
  }
}
