import { Clipboard } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';

/**
 * A new key's secret, the one time it exists outside the server's hash. Shown whole and wrapped
 * (a one-line field would cut it), so it can be checked against what was pasted.
 */
@Component({
  selector: 'wb-api-key-secret',
  imports: [MatButton, MatIcon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="warning" role="alert">
      <mat-icon aria-hidden="true">warning_amber</mat-icon>
      <span>
        Copy this key now and store it somewhere safe, such as your secret manager.
        <strong>You won't see it again</strong>: Warbler keeps only a hash of it. If you lose it, revoke it and create a
        new one.
      </span>
    </p>
    <figure>
      <figcaption>API key {{ name() }}</figcaption>
      <code class="secret" data-testid="api-key-secret">{{ secret() }}</code>
    </figure>
    <div class="copy">
      <button mat-stroked-button type="button" [attr.aria-label]="'Copy API key ' + name()" (click)="copy()">
        <mat-icon>{{ copied() ? 'check' : 'content_copy' }}</mat-icon>
        {{ copied() ? 'Copied' : 'Copy key' }}
      </button>
      @if (copied()) {
        <span role="status" class="copied">Copied to the clipboard</span>
      }
    </div>
  `,
  styles: `
    :host {
      display: grid;
      gap: 12px;
    }
    .warning {
      display: flex;
      gap: 12px;
      margin: 0;
      padding: 12px 14px;
      border-radius: var(--mat-sys-corner-small);
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
      font: var(--mat-sys-body-medium);
    }
    .warning mat-icon {
      flex: none;
    }
    figure {
      display: grid;
      gap: 4px;
      margin: 4px 0 0;
    }
    figcaption {
      font: var(--mat-sys-label-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    .secret {
      display: block;
      padding: 12px 14px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-small);
      background: var(--mat-sys-surface-container-high);
      font:
        0.95rem/1.5 ui-monospace,
        'SFMono-Regular',
        Menlo,
        Consolas,
        monospace;
      word-break: break-all;
      user-select: all;
    }
    .copy {
      display: flex;
      align-items: center;
      gap: 12px;
    }
    .copied {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class ApiKeySecret {
  private readonly clipboard = inject(Clipboard);

  readonly name = input.required<string>();
  readonly secret = input.required<string>();
  protected readonly copied = signal(false);

  protected copy(): void {
    this.copied.set(this.clipboard.copy(this.secret()));
  }
}
