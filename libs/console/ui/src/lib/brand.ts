import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** The Warbler mark and name. */
@Component({
  selector: 'wb-brand',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <svg viewBox="0 0 32 32" width="28" height="28" aria-hidden="true">
      <rect width="32" height="32" rx="8" class="tile" />
      <path d="M8 10.5l3.6 11 4.4-8.2 4.4 8.2 3.6-11" class="mark" />
    </svg>
    @if (showName()) {
      <span class="name">Warbler</span>
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      gap: 10px;
    }
    .tile {
      fill: var(--mat-sys-primary);
    }
    .mark {
      fill: none;
      stroke: var(--mat-sys-on-primary);
      stroke-width: 2.6;
      stroke-linecap: round;
      stroke-linejoin: round;
    }
    .name {
      font: var(--mat-sys-title-medium);
      font-weight: 600;
      letter-spacing: -0.01em;
    }
  `,
})
export class Brand {
  readonly showName = input(true);
}
