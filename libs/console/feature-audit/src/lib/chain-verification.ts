import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIcon } from '@angular/material/icon';
import type { VerifyAuditChainQuery } from '@warbler/console/data-access';

type Verification = VerifyAuditChainQuery['verifyAuditChain'];

/** The outcome of re-checking the hash chain: intact, or where it breaks. */
@Component({
  selector: 'wb-chain-verification',
  imports: [MatIcon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (result().valid) {
      <mat-icon aria-hidden="true">verified</mat-icon>
      <div>
        <strong>The audit log is intact.</strong>
        {{ result().eventsChecked }} events checked; none was changed or removed.
        @if (result().headHash; as head) {
          <div class="hash">
            Latest hash <code>{{ head }}</code>
          </div>
        }
      </div>
    } @else {
      <mat-icon aria-hidden="true">gpp_bad</mat-icon>
      <div>
        <strong>The audit log does not verify.</strong>
        The chain breaks at event #{{ result().firstBrokenSeq }} after {{ result().eventsChecked }} events: an event was
        altered or removed. Export the log and contact support.
      </div>
    }
  `,
  host: { role: 'status', '[class.valid]': 'result().valid' },
  styles: `
    :host {
      display: flex;
      align-items: flex-start;
      gap: 12px;
      padding: 14px 18px;
      border-radius: var(--mat-sys-corner-medium);
      font: var(--mat-sys-body-medium);
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    :host(.valid) {
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }
    .hash {
      margin-top: 4px;
      font: var(--mat-sys-body-small);
      word-break: break-all;
    }
  `,
})
export class ChainVerification {
  readonly result = input.required<Verification>();
}
