import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';

/** A failed load, said plainly, with a way to try again. */
@Component({
  selector: 'wb-error-state',
  imports: [MatButton, MatIcon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-icon aria-hidden="true">error_outline</mat-icon>
    <div class="text">
      <h2>{{ title() }}</h2>
      <p>{{ message() }}</p>
    </div>
    <button mat-stroked-button type="button" (click)="retry.emit()">
      <mat-icon>refresh</mat-icon>
      Try again
    </button>
  `,
  styles: `
    :host {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 16px;
      padding: 16px 20px;
      border-radius: var(--mat-sys-corner-medium);
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .text {
      flex: 1 1 240px;
    }
    h2 {
      margin: 0;
      font: var(--mat-sys-title-small);
    }
    p {
      margin: 2px 0 0;
      font: var(--mat-sys-body-medium);
    }
  `,
  host: { role: 'alert' },
})
export class ErrorState {
  readonly title = input('This could not be loaded');
  readonly message = input.required<string>();
  readonly retry = output();
}
