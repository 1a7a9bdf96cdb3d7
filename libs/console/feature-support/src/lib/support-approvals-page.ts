import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatTableModule } from '@angular/material/table';
import {
  ApproveSupportSessionGQL,
  dataOf,
  liveQuery,
  PendingSupportSessionsGQL,
  type SupportSessionFieldsFragment,
  userMessage,
} from '@warbler/console/data-access';
import { EmptyState, ErrorState, LoadingState, Notifier, PageHeader } from '@warbler/console/ui';

/**
 * Platform admins' queue of WRITE sessions asked for without the tenant owner's grant: each waits
 * for a second staff member (never the one who asked) to approve it, reason and ticket in view.
 */
@Component({
  selector: 'wb-support-approvals-page',
  imports: [DatePipe, MatButton, MatIcon, MatTableModule, EmptyState, ErrorState, LoadingState, PageHeader],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <wb-page-header
      title="Support approvals"
      subtitle="Write sessions support asked for without the tenant owner's grant. Approve only what the ticket needs."
    />
    @if (pending.error(); as error) {
      <wb-error-state
        title="The waiting sessions could not be loaded"
        [message]="message(error)"
        (retry)="pending.reload()"
      />
    } @else if (pending.data(); as sessions) {
      @if (sessions.length === 0) {
        <wb-empty-state
          icon="verified_user"
          title="Nothing waits for approval"
          message="Write sessions that support asks for without the owner's grant appear here."
        />
      } @else {
        <table mat-table [dataSource]="sessions" aria-label="Support sessions waiting for approval">
          <ng-container matColumnDef="tenant">
            <th mat-header-cell *matHeaderCellDef>Tenant</th>
            <td mat-cell *matCellDef="let session">{{ session.tenantName }}</td>
          </ng-container>
          <ng-container matColumnDef="who">
            <th mat-header-cell *matHeaderCellDef>Asked by</th>
            <td mat-cell *matCellDef="let session">
              <div>{{ session.staffEmail }}</div>
              <div class="muted">as {{ session.viewedAsEmail }} · {{ session.requestedAt | date: 'short' }}</div>
            </td>
          </ng-container>
          <ng-container matColumnDef="why">
            <th mat-header-cell *matHeaderCellDef>Reason</th>
            <td mat-cell *matCellDef="let session">
              <div>{{ session.reason }}</div>
              <div class="muted">Ticket {{ session.ticketReference }} · {{ session.durationMinutes }} minutes</div>
            </td>
          </ng-container>
          <ng-container matColumnDef="actions">
            <th mat-header-cell *matHeaderCellDef><span class="cdk-visually-hidden">Actions</span></th>
            <td mat-cell *matCellDef="let session" class="actions">
              <button
                mat-flat-button
                type="button"
                [disabled]="approving() === session.id"
                (click)="approve(session)"
                [attr.aria-label]="'Approve the write session on ' + session.tenantName"
              >
                <mat-icon>check</mat-icon>
                Approve
              </button>
            </td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="columns"></tr>
          <tr mat-row *matRowDef="let session; columns: columns"></tr>
        </table>
      }
    } @else {
      <wb-loading-state [rows]="2" label="Loading the waiting sessions" />
    }
  `,
  styles: `
    .muted {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .actions {
      text-align: right;
    }
  `,
})
export class SupportApprovalsPage {
  private readonly pendingQuery = inject(PendingSupportSessionsGQL);
  private readonly approveMutation = inject(ApproveSupportSessionGQL);
  private readonly notifier = inject(Notifier);

  protected readonly pending = liveQuery(
    () => this.pendingQuery.watch().valueChanges,
    (data) => data.pendingSupportSessions,
  );
  protected readonly approving = signal<string | null>(null);
  protected readonly columns = ['tenant', 'who', 'why', 'actions'];
  protected readonly message = userMessage;

  async approve(session: SupportSessionFieldsFragment): Promise<void> {
    this.approving.set(session.id);
    try {
      await dataOf(this.approveMutation.mutate({ variables: { id: session.id, tenantId: session.tenantId } }));
      this.notifier.success(`Write session on ${session.tenantName} approved`);
      this.pending.reload();
    } catch (error) {
      this.notifier.error(userMessage(error));
    } finally {
      this.approving.set(null);
    }
  }
}
