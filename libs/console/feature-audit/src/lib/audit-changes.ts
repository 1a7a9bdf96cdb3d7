import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { fieldChanges, formatValue } from './field-changes';
import type { AuditEvent } from './audit-log.store';

/** The details of one event: what changed, and where the request came from. */
@Component({
  selector: 'wb-audit-changes',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (changes().length > 0) {
      <table class="changes">
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Before</th>
            <th scope="col">After</th>
          </tr>
        </thead>
        <tbody>
          @for (change of changes(); track change.field) {
            <tr>
              <th scope="row">{{ change.field }}</th>
              <td class="before">{{ format(change.before) }}</td>
              <td class="after">{{ format(change.after) }}</td>
            </tr>
          }
        </tbody>
      </table>
    } @else {
      <p class="none">No field changes were recorded for this event.</p>
    }
    <dl class="meta">
      <div>
        <dt>Event</dt>
        <dd>#{{ event().seq }}</dd>
      </div>
      @if (event().targetId) {
        <div>
          <dt>Target id</dt>
          <dd>{{ event().targetId }}</dd>
        </div>
      }
      @if (event().requestId) {
        <div>
          <dt>Request</dt>
          <dd>{{ event().requestId }}</dd>
        </div>
      }
      @if (event().ip) {
        <div>
          <dt>IP address</dt>
          <dd>{{ event().ip }}</dd>
        </div>
      }
    </dl>
  `,
  styles: `
    :host {
      display: block;
      padding: 4px 0 16px;
    }
    .changes {
      width: 100%;
      max-width: 760px;
      border-collapse: collapse;
      font: var(--mat-sys-body-medium);
    }
    .changes th,
    .changes td {
      padding: 6px 12px;
      text-align: left;
      vertical-align: top;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      word-break: break-word;
    }
    thead th {
      font: var(--mat-sys-label-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    tbody th {
      font-weight: 500;
      white-space: nowrap;
    }
    .before {
      color: var(--mat-sys-on-surface-variant);
      text-decoration: line-through;
      text-decoration-color: var(--mat-sys-outline);
    }
    .none {
      margin: 0;
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    .meta {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 24px;
      margin: 12px 0 0;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .meta div {
      display: flex;
      gap: 6px;
    }
    dt {
      font-weight: 500;
    }
    dd {
      margin: 0;
      font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    }
  `,
})
export class AuditChanges {
  readonly event = input.required<AuditEvent>();
  protected readonly changes = computed(() => fieldChanges(this.event().changes));
  protected readonly format = formatValue;
}
