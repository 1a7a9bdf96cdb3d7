import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIcon } from '@angular/material/icon';
import { CopyField } from '@warbler/console/ui';

/** A signing secret, the one time the console sees it, with the way to check signatures. */
@Component({
  selector: 'wb-webhook-secret',
  imports: [MatIcon, CopyField],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="warning" role="alert">
      <mat-icon aria-hidden="true">warning_amber</mat-icon>
      <span>
        Copy this signing secret now and store it with the software that receives the events.
        <strong>You won't see it again.</strong> If you lose it, rotate the secret.
      </span>
    </p>
    <wb-copy-field label="Signing secret" [value]="secret()" [monospace]="true" data-testid="webhook-secret" />
    <p class="how">
      Each request carries <code>Warbler-Signature: t=…,v1=…</code>: the hex HMAC-SHA256 of
      <code>"&lt;t&gt;.&lt;raw body&gt;"</code> keyed with this secret. The documentation has code that checks it.
    </p>
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
    .how {
      margin: 0;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    code {
      font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    }
  `,
})
export class WebhookSecret {
  readonly secret = input.required<string>();
}
