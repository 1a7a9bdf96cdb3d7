import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatExpansionModule } from '@angular/material/expansion';
import { CopyField } from '@warbler/console/ui';

/** How tenant software sends usage with a key, ready to paste into a terminal. */
@Component({
  selector: 'wb-usage-snippet',
  imports: [MatExpansionModule, CopyField],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-expansion-panel>
      <mat-expansion-panel-header>
        <mat-panel-title>How to send usage</mat-panel-title>
        <mat-panel-description>POST /v1/usage/events with a key that has usage:write</mat-panel-description>
      </mat-expansion-panel-header>
      <p>
        Send up to 1,000 events per request. Each event counts once per <code>idempotency_key</code>, so retrying a
        request after a timeout is safe. The answer says for each event whether it was accepted, a duplicate, or
        rejected and why (for example <code>QUOTA_EXCEEDED</code>).
      </p>
      <pre><code>{{ snippet() }}</code></pre>
      <wb-copy-field label="Command" [value]="snippet()" [monospace]="true" />
      <p class="hint">
        Check what is left before an expensive action with <code>GET /v1/quotas/&lt;metric&gt;</code> and a key that has
        quota:read.
      </p>
    </mat-expansion-panel>
  `,
  styles: `
    pre {
      margin: 12px 0;
      padding: 12px 16px;
      overflow-x: auto;
      border-radius: var(--mat-sys-corner-small);
      background: var(--mat-sys-surface-container-high);
      font:
        0.85rem/1.5 ui-monospace,
        'SFMono-Regular',
        Menlo,
        Consolas,
        monospace;
    }
    p {
      max-width: 80ch;
      font: var(--mat-sys-body-medium);
    }
    .hint {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class UsageSnippet {
  private readonly origin = inject(DOCUMENT).location.origin;

  protected readonly snippet = computed(
    () => `curl -X POST ${this.origin}/v1/usage/events \\
  -H "Authorization: Bearer $WARBLER_API_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{"events":[{"metric":"messages","quantity":1,"timestamp":"${new Date().toISOString().slice(0, 19)}Z","idempotency_key":"msg-42","properties":{}}]}'`,
  );
}
