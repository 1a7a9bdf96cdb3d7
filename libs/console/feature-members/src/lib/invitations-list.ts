import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { MatIconButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatTableModule } from '@angular/material/table';
import { MatTooltip } from '@angular/material/tooltip';
import { PermissionsService } from '@warbler/console/data-access';
import { EmptyState, RoleChip } from '@warbler/console/ui';
import { type Invitation, MembersStore } from './members-store';

/** Invitations sent and not yet accepted, with the means to send again or take back. */
@Component({
  selector: 'wb-invitations-list',
  imports: [DatePipe, MatTableModule, MatIcon, MatIconButton, MatTooltip, EmptyState, RoleChip],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (invitations().length === 0) {
      <wb-empty-state
        icon="mail_outline"
        title="No pending invitations"
        message="People you invite show here until they join."
      />
    } @else {
      <div class="table-scroll">
        <table mat-table [dataSource]="invitations()" aria-label="Pending invitations">
          <ng-container matColumnDef="email">
            <th mat-header-cell *matHeaderCellDef>Email</th>
            <td mat-cell *matCellDef="let invitation">
              {{ invitation.email }}
            </td>
          </ng-container>
          <ng-container matColumnDef="role">
            <th mat-header-cell *matHeaderCellDef>Role</th>
            <td mat-cell *matCellDef="let invitation">
              <wb-role-chip [role]="invitation.role" />
            </td>
          </ng-container>
          <ng-container matColumnDef="seat">
            <th mat-header-cell *matHeaderCellDef>Seat</th>
            <td mat-cell *matCellDef="let invitation" class="muted">
              {{ invitation.assignSeat ? 'On joining' : '—' }}
            </td>
          </ng-container>
          <ng-container matColumnDef="expiresAt">
            <th mat-header-cell *matHeaderCellDef>Expires</th>
            <td mat-cell *matCellDef="let invitation">
              @if (invitation.expired) {
                <span class="expired">Expired</span>
              } @else {
                <span class="muted">{{ invitation.expiresAt | date: 'medium' }}</span>
              }
            </td>
          </ng-container>
          <ng-container matColumnDef="actions">
            <th mat-header-cell *matHeaderCellDef>
              <span class="cdk-visually-hidden">Actions</span>
            </th>
            <td mat-cell *matCellDef="let invitation" class="actions">
              @if (canSend()) {
                <button
                  mat-icon-button
                  type="button"
                  matTooltip="Send again with a new link"
                  [attr.aria-label]="'Resend invitation to ' + invitation.email"
                  [disabled]="busy() === invitation.id"
                  (click)="resend(invitation)"
                >
                  <mat-icon>send</mat-icon>
                </button>
              }
              @if (canRevoke()) {
                <button
                  mat-icon-button
                  type="button"
                  matTooltip="Revoke"
                  [attr.aria-label]="'Revoke invitation to ' + invitation.email"
                  [disabled]="busy() === invitation.id"
                  (click)="revoke(invitation)"
                >
                  <mat-icon>block</mat-icon>
                </button>
              }
            </td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="columns"></tr>
          <tr mat-row *matRowDef="let row; columns: columns" [attr.data-email]="row.email"></tr>
        </table>
      </div>
    }
  `,
  styles: `
    .table-scroll {
      overflow-x: auto;
    }
    table {
      width: 100%;
      min-width: 620px;
      background: transparent;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
    .expired {
      padding: 2px 8px;
      border-radius: 10px;
      font: var(--mat-sys-label-medium);
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .actions {
      width: 112px;
      text-align: right;
      white-space: nowrap;
    }
  `,
})
export class InvitationsList {
  private readonly store = inject(MembersStore);
  private readonly permissions = inject(PermissionsService);

  readonly invitations = input.required<readonly Invitation[]>();

  protected readonly columns = ['email', 'role', 'seat', 'expiresAt', 'actions'];
  protected readonly busy = signal<string | null>(null);
  protected readonly canSend = computed(() => this.permissions.can('invite', 'Member'));
  protected readonly canRevoke = computed(() => this.permissions.can('delete', 'Invitation'));

  resend(invitation: Invitation): Promise<void> {
    return this.while(invitation, () => this.store.resend(invitation));
  }

  revoke(invitation: Invitation): Promise<void> {
    return this.while(invitation, () => this.store.revoke(invitation));
  }

  private async while(invitation: Invitation, work: () => Promise<boolean>): Promise<void> {
    this.busy.set(invitation.id);
    try {
      await work();
    } finally {
      this.busy.set(null);
    }
  }
}
