import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatProgressBar } from '@angular/material/progress-bar';

/** A progress bar over placeholder rows shaped like the content on its way. */
@Component({
  selector: 'wb-loading-state',
  imports: [MatProgressBar],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-progress-bar mode="indeterminate" [attr.aria-label]="label()" />
    @for (row of rowIndexes(); track row) {
      <div class="row" aria-hidden="true">
        <span class="block short"></span>
        <span class="block"></span>
      </div>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .row {
      display: flex;
      gap: 24px;
      padding: 18px 16px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .block {
      flex: 1;
      height: 12px;
      border-radius: 6px;
      background: var(--mat-sys-surface-container-high);
    }
    .short {
      flex: 0 0 28%;
    }
  `,
})
export class LoadingState {
  readonly rows = input(3);
  readonly label = input('Loading');
  protected readonly rowIndexes = computed(() => Array.from({ length: this.rows() }, (_, index) => index));
}
