import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatTableModule } from '@angular/material/table';
import {
  dataOf,
  EndSupportSessionGQL,
  liveQuery,
  PermissionsService,
  type SupportSessionFieldsFragment,
  TenantSupportSessionsGQL,
  userMessage,
} from '@warbler/console/data-access';
import { EmptyState, ErrorState, LoadingState, Notifier, PageHeader } from '@warbler/console/ui';
import { END_LABELS, MODE_LABELS, STATUS_LABELS } from './remaining-time';
import { SupportAccessCard } from './support-access-card';

/** The tenant's side of support: whether it lets support in, and every session, open or past. */
@Component({
  selector: 'wb-support-access-page',
  imports: [DatePipe, MatButton, MatTableModule, EmptyState, ErrorState, LoadingState, PageHeader, SupportAccessCard],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <wb-page-header
      title="Support access"
      subtitle="Who from Warbler support looked at this tenant, why, and for how long"
    />
    <wb-support-access-card (changed)="sessions.reload()" />

    <section class="card" aria-labelledby="support-sessions-title">
      <h2 id="support-sessions-title">Support sessions</h2>
      @if (sessions.error(); as error) {
        <wb-error-state
          title="Support sessions could not be loaded"
          [message]="message(error)"
          (retry)="sessions.reload()"
        />
      } @else if (sessions.data(); as list) {
        @if (list.length === 0) {
          <wb-empty-state
            icon="support_agent"
            title="No support sessions"
            message="Support has not opened a session here."
          />
        } @else {
          <table mat-table [dataSource]="list" aria-label="Support sessions" data-testid="support-sessions">
            <ng-container matColumnDef="who">
              <th mat-header-cell *matHeaderCellDef>Support</th>
              <td mat-cell *matCellDef="let session">
                <div>{{ session.staffEmail }}</div>
                <div class="muted">as {{ session.viewedAsEmail }}</div>
              </td>
            </ng-container>
            <ng-container matColumnDef="why">
              <th mat-header-cell *matHeaderCellDef>Reason</th>
              <td mat-cell *matCellDef="let session">
                <div>{{ session.reason }}</div>
                <div class="muted">Ticket {{ session.ticketReference }} · {{ modeLabel(session) }}</div>
              </td>
            </ng-container>
            <ng-container matColumnDef="when">
              <th mat-header-cell *matHeaderCellDef>When</th>
              <td mat-cell *matCellDef="let session">
                <div>{{ session.startedAt ?? session.requestedAt | date: 'medium' }}</div>
                <div class="muted">
                  @if (session.endedAt) {
                    {{ endLabel(session) }} {{ session.endedAt | date: 'shortTime' }}
                  } @else {
                    {{ statusLabel(session) }} until {{ session.expiresAt | date: 'shortTime' }}
                  }
                  · {{ session.requestCount }} requests
                </div>
              </td>
            </ng-container>
            <ng-container matColumnDef="actions">
              <th mat-header-cell *matHeaderCellDef><span class="cdk-visually-hidden">Actions</span></th>
              <td mat-cell *matCellDef="let session" class="actions">
                @if (session.status !== 'ENDED' && canEnd()) {
                  <button mat-stroked-button type="button" (click)="end(session)">End session</button>
                }
              </td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="columns"></tr>
            <tr mat-row *matRowDef="let session; columns: columns"></tr>
          </table>
        }
      } @else {
        <wb-loading-state [rows]="3" label="Loading support sessions" />
      }
    </section>
  `,
  styles: `
    .card {
      padding: 16px 24px;
      border-radius: 12px;
      background: var(--mat-sys-surface-container-low);
    }
    h2 {
      font: var(--mat-sys-title-medium);
      margin: 0 0 12px;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .actions {
      text-align: right;
    }
  `,
})
export class SupportAccessPage {
  private readonly permissions = inject(PermissionsService);
  private readonly notifier = inject(Notifier);
  private readonly sessionsQuery = inject(TenantSupportSessionsGQL);
  private readonly endMutation = inject(EndSupportSessionGQL);

  protected readonly sessions = liveQuery(
    () => this.sessionsQuery.watch().valueChanges,
    (data) => data.supportSessions,
    { enabled: () => this.permissions.can('read', 'SupportSession') },
  );
  protected readonly canEnd = computed(() => this.permissions.can('end', 'SupportSession'));
  protected readonly columns = ['who', 'why', 'when', 'actions'];
  protected readonly message = userMessage;

  protected modeLabel(session: SupportSessionFieldsFragment): string {
    return MODE_LABELS[session.mode];
  }

  protected statusLabel(session: SupportSessionFieldsFragment): string {
    return STATUS_LABELS[session.status];
  }

  protected endLabel(session: SupportSessionFieldsFragment): string {
    return session.endedHow ? END_LABELS[session.endedHow] : '';
  }

  async end(session: SupportSessionFieldsFragment): Promise<void> {
    try {
      await dataOf(this.endMutation.mutate({ variables: { id: session.id } }));
      this.sessions.reload();
      this.notifier.success('Support session ended');
    } catch (error) {
      this.notifier.error(userMessage(error));
    }
  }
}
