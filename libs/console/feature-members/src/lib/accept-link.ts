import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { CopyField } from '@warbler/console/ui';

/** The link an invitee opens to join, for admins to pass on however they like. */
@Component({
  selector: 'wb-accept-link',
  imports: [DatePipe, CopyField],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p>
      Share this link with <strong>{{ email() }}</strong> so they can join. It works once and expires
      {{ expiresAt() | date: 'medium' }}.
    </p>
    <wb-copy-field label="Invitation link" [value]="url()" data-testid="accept-link" />
  `,
  styles: `
    p {
      margin: 0 0 16px;
      font: var(--mat-sys-body-medium);
    }
  `,
})
export class AcceptLink {
  readonly email = input.required<string>();
  readonly url = input.required<string>();
  readonly expiresAt = input.required<string>();
}
