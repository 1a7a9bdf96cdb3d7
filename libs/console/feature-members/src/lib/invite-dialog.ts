import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { dataOf, InviteMemberGQL, type InviteMemberMutation, userMessage } from '@warbler/console/data-access';
import type { TenantRoleName } from '@warbler/shared/permissions';
import { map, type Observable } from 'rxjs';
import { AcceptLink } from './accept-link';
import { assignableRoles } from './roles';

export interface InviteDialogData {
  myRole: TenantRoleName | null;
  seatsFree: number;
}

type InvitationLink = InviteMemberMutation['inviteMember'];

/** Invites someone by email, then hands over the link they will use to join. */
@Component({
  selector: 'wb-invite-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatButton,
    MatCheckbox,
    MatFormFieldModule,
    MatInput,
    MatProgressBar,
    MatSelectModule,
    AcceptLink,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './invite-dialog.html',
  styles: `
    form {
      display: flex;
      flex-direction: column;
      gap: 4px;
      min-width: min(420px, 80vw);
    }
    .seat-hint {
      margin: -4px 0 8px 40px;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .error {
      margin: 0 0 16px;
      padding: 12px 14px;
      border-radius: var(--mat-sys-corner-small);
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
      font: var(--mat-sys-body-medium);
    }
  `,
})
export class InviteDialog {
  private readonly invite = inject(InviteMemberGQL);
  protected readonly data = inject<InviteDialogData>(MAT_DIALOG_DATA);

  protected readonly roles = assignableRoles(this.data.myRole);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly link = signal<InvitationLink | null>(null);
  protected readonly form = new FormGroup({
    email: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.email],
    }),
    role: new FormControl<TenantRoleName>('MEMBER', { nonNullable: true }),
    assignSeat: new FormControl(this.data.seatsFree > 0, { nonNullable: true }),
  });

  async submit(): Promise<void> {
    if (this.form.invalid || this.busy()) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      const { email, role, assignSeat } = this.form.getRawValue();
      const { inviteMember } = await dataOf(
        this.invite.mutate({
          variables: { input: { email: email.trim(), role, assignSeat } },
        }),
      );
      this.link.set(inviteMember);
    } catch (error) {
      this.error.set(userMessage(error));
    } finally {
      this.busy.set(false);
    }
  }
}

/** Emits true when an invitation was created. */
export function openInviteDialog(dialog: MatDialog, data: InviteDialogData): Observable<boolean> {
  return dialog
    .open<InviteDialog, InviteDialogData, boolean>(InviteDialog, {
      data,
      width: '520px',
    })
    .afterClosed()
    .pipe(map((invited) => invited === true));
}
