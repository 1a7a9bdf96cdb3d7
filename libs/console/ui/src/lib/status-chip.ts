import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** How loud a chip is: the container colours of the Material theme, or none. */
export type ChipTone = 'neutral' | 'primary' | 'secondary' | 'tertiary' | 'error';

/**
 * A small rounded label for where something stands (a role, an invoice, a quota). Each domain's chip
 * chooses its words and tone; this one keeps them all the same size and colours.
 */
@Component({
  selector: 'wb-status-chip',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<ng-content />`,
  host: { '[class]': 'tone()', '[class.struck]': 'struck()', '[attr.title]': 'hint()' },
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      height: 24px;
      padding: 0 10px;
      border-radius: 12px;
      font: var(--mat-sys-label-medium);
      white-space: nowrap;
      background: var(--mat-sys-surface-container-high);
      color: var(--mat-sys-on-surface-variant);
    }
    :host(.primary) {
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }
    :host(.secondary) {
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    :host(.tertiary) {
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
    :host(.error) {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    :host(.struck) {
      text-decoration: line-through;
    }
  `,
})
export class StatusChip {
  readonly tone = input<ChipTone>('neutral');
  /** Shown on hover: what the label means. */
  readonly hint = input<string | null>(null);
  /** Crossed out, for something cancelled. */
  readonly struck = input(false);
}
