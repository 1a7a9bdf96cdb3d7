import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatProgressBar } from '@angular/material/progress-bar';

/** How many of the plan's seats are taken: the number admins check before inviting. */
@Component({
  selector: 'wb-seat-usage',
  imports: [MatProgressBar],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="numbers">
      <span class="used" data-testid="seat-usage">{{ assigned() }} of {{ limit() }} seats assigned</span>
      <span class="members">{{ memberCount() }} {{ memberCount() === 1 ? 'member' : 'members' }}</span>
    </div>
    <mat-progress-bar
      mode="determinate"
      [value]="percent()"
      [class.full]="full()"
      [attr.aria-label]="assigned() + ' of ' + limit() + ' seats assigned'"
    />
    @if (full()) {
      <p class="hint">Every seat is taken. Release a seat before you assign another.</p>
    }
  `,
  styles: `
    :host {
      display: block;
      padding: 16px 20px;
      border-radius: var(--mat-sys-corner-medium);
      border: 1px solid var(--mat-sys-outline-variant);
      background: var(--mat-sys-surface);
    }
    .numbers {
      display: flex;
      justify-content: space-between;
      gap: 16px;
      margin-bottom: 10px;
    }
    .used {
      font: var(--mat-sys-title-small);
    }
    .members {
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    mat-progress-bar {
      --mat-progress-bar-track-height: 8px;
      --mat-progress-bar-active-indicator-height: 8px;
      border-radius: 4px;
    }
    mat-progress-bar.full {
      --mat-progress-bar-active-indicator-color: var(--mat-sys-tertiary);
    }
    .hint {
      margin: 10px 0 0;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class SeatUsage {
  readonly assigned = input.required<number>();
  readonly limit = input.required<number>();
  readonly memberCount = input.required<number>();
  protected readonly full = computed(() => this.assigned() >= this.limit());
  protected readonly percent = computed(() =>
    this.limit() > 0 ? Math.min(100, (this.assigned() / this.limit()) * 100) : 100,
  );
}
