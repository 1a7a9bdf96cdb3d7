import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule } from '@angular/material/dialog';
import type { ResendInvitationMutation } from '@warbler/console/data-access';
import { AcceptLink } from './accept-link';

type InvitationLink = ResendInvitationMutation['resendInvitation'];

/** Shows the fresh link after an invitation was sent again. */
@Component({
  selector: 'wb-accept-link-dialog',
  imports: [MatDialogModule, MatButton, AcceptLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>Invitation sent again</h2>
    <mat-dialog-content>
      <wb-accept-link [email]="link.invitation.email" [url]="link.acceptUrl" [expiresAt]="link.invitation.expiresAt" />
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-flat-button type="button" mat-dialog-close>Done</button>
    </mat-dialog-actions>
  `,
})
export class AcceptLinkDialog {
  protected readonly link = inject<InvitationLink>(MAT_DIALOG_DATA);
}

export function openAcceptLink(dialog: MatDialog, link: InvitationLink): void {
  dialog.open(AcceptLinkDialog, { data: link, width: '520px' });
}
