import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIcon } from '@angular/material/icon';
import { CopyField } from '@warbler/console/ui';

/** A new key's secret, the one time it exists outside the server's hash. */
@Component({
  selector: 'wb-api-key-secret',
  imports: [MatIcon, CopyField],
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
    <wb-copy-field [label]="'API key ' + name()" [value]="secret()" [monospace]="true" />
  `,
  styles: `
    :host {
      display: grid;
      gap: 16px;
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
  `,
})
export class ApiKeySecret {
  readonly name = input.required<string>();
  readonly secret = input.required<string>();
}
