import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { userMessage } from '@warbler/console/data-access';
import { Notifier } from '@warbler/console/ui';
import { InvoiceFiles } from './invoice-files';

/** "Download PDF" and "Printable view" for one invoice. */
@Component({
  selector: 'wb-invoice-file-actions',
  imports: [MatButton, MatIcon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button mat-stroked-button type="button" [disabled]="busy()" (click)="download()">
      <mat-icon>download</mat-icon>
      Download PDF
    </button>
    <button mat-button type="button" [disabled]="busy()" (click)="print()">
      <mat-icon>print</mat-icon>
      Printable view
    </button>
  `,
  styles: `
    :host {
      display: contents;
    }
  `,
})
export class InvoiceFileActions {
  private readonly files = inject(InvoiceFiles);
  private readonly notifier = inject(Notifier);

  readonly invoice = input.required<{ id: string; number: string | null }>();
  protected readonly busy = signal(false);

  protected async download(): Promise<void> {
    this.busy.set(true);
    try {
      this.notifier.success(`Downloaded ${await this.files.downloadPdf(this.invoice())}`);
    } catch (error) {
      this.notifier.error(userMessage(error));
    } finally {
      this.busy.set(false);
    }
  }

  protected async print(): Promise<void> {
    try {
      await this.files.openPrintable(this.invoice());
    } catch (error) {
      this.notifier.error(userMessage(error));
    }
  }
}
