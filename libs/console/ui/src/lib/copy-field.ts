import { Clipboard } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { MatIconButton } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatTooltip } from '@angular/material/tooltip';

/** A read-only value (a link, a secret) with a button that copies it. */
@Component({
  selector: 'wb-copy-field',
  imports: [MatFormFieldModule, MatInput, MatIconButton, MatIcon, MatTooltip],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-form-field appearance="outline" subscriptSizing="dynamic">
      <mat-label>{{ label() }}</mat-label>
      <input matInput readonly [value]="value()" (focus)="select($event)" [class.mono]="monospace()" />
      <button
        mat-icon-button
        matSuffix
        type="button"
        [attr.aria-label]="'Copy ' + label()"
        [matTooltip]="copied() ? 'Copied' : 'Copy'"
        (click)="copy()"
      >
        <mat-icon>{{ copied() ? 'check' : 'content_copy' }}</mat-icon>
      </button>
      @if (copied()) {
        <mat-hint role="status">Copied to the clipboard</mat-hint>
      }
    </mat-form-field>
  `,
  styles: `
    :host {
      display: block;
    }
    mat-form-field {
      width: 100%;
    }
    /* Material sets the input's font with a doubled class; one more class wins over it. */
    .mat-mdc-input-element.mono {
      font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
      font-size: 0.875rem;
    }
  `,
})
export class CopyField {
  private readonly clipboard = inject(Clipboard);
  readonly label = input.required<string>();
  readonly value = input.required<string>();
  readonly monospace = input(false);
  protected readonly copied = signal(false);

  copy(): void {
    this.copied.set(this.clipboard.copy(this.value()));
  }

  protected select(event: FocusEvent): void {
    (event.target as HTMLInputElement).select();
  }
}
