import { Clipboard } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { Notifier } from '@warbler/console/ui';

/** Recovery codes, shown once right after they are made, with ways to keep them. */
@Component({
  selector: 'wb-recovery-codes',
  imports: [MatButton, MatIcon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="warning">
      <mat-icon aria-hidden="true">warning_amber</mat-icon>
      Save these recovery codes now: this is the only time Warbler shows them. Each one signs you in once if you lose
      your authenticator.
    </p>
    <ol class="codes" aria-label="Recovery codes">
      @for (code of codes(); track code) {
        <li>{{ code }}</li>
      }
    </ol>
    <div class="actions">
      <button mat-stroked-button type="button" (click)="copy()"><mat-icon>content_copy</mat-icon>Copy all</button>
      <button mat-stroked-button type="button" (click)="download()"><mat-icon>download</mat-icon>Download</button>
    </div>
  `,
  styles: `
    .warning {
      display: flex;
      gap: 8px;
      margin: 0 0 16px;
      padding: 12px 16px;
      border-radius: var(--mat-sys-corner-small);
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
      font: var(--mat-sys-body-medium);
    }
    .codes {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(140px, 1fr));
      gap: 8px 24px;
      margin: 0 0 16px;
      padding: 16px;
      list-style: none;
      border-radius: var(--mat-sys-corner-small);
      background: var(--mat-sys-surface-container);
      font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
      font-size: 0.95rem;
      letter-spacing: 0.04em;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
  `,
})
export class RecoveryCodes {
  private readonly clipboard = inject(Clipboard);
  private readonly notifier = inject(Notifier);
  readonly codes = input.required<readonly string[]>();

  copy(): void {
    if (this.clipboard.copy(this.asText())) this.notifier.success('Recovery codes copied');
  }

  download(): void {
    const url = URL.createObjectURL(new Blob([this.asText()], { type: 'text/plain' }));
    const link = Object.assign(document.createElement('a'), {
      href: url,
      download: 'warbler-recovery-codes.txt',
    });
    link.click();
    URL.revokeObjectURL(url);
  }

  private asText(): string {
    return `Warbler recovery codes (each works once)\n\n${this.codes().join('\n')}\n`;
  }
}
