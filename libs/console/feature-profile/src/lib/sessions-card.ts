import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatIconButton } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatTableModule } from '@angular/material/table';
import { MatTooltip } from '@angular/material/tooltip';
import {
  dataOf,
  liveQuery,
  MySessionsGQL,
  type MySessionsQuery,
  RevokeSessionGQL,
  userMessage,
} from '@warbler/console/data-access';
import { confirmAction, ErrorState, LoadingState, Notifier } from '@warbler/console/ui';
import { describeUserAgent } from './user-agent';

type Session = MySessionsQuery['mySessions'][number];

/** Where the person is signed in, so they can end sessions on devices they no longer use. */
@Component({
  selector: 'wb-sessions-card',
  imports: [DatePipe, MatCardModule, MatTableModule, MatIcon, MatIconButton, MatTooltip, ErrorState, LoadingState],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './sessions-card.html',
  styleUrl: './sessions-card.scss',
})
export class SessionsCard {
  private readonly sessionsQuery = inject(MySessionsGQL);
  private readonly revokeSession = inject(RevokeSessionGQL);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);

  protected readonly sessions = liveQuery(
    () => this.sessionsQuery.watch().valueChanges,
    (data) => data.mySessions,
  );
  protected readonly columns = ['device', 'ip', 'createdAt', 'lastUsedAt', 'actions'];
  protected readonly revoking = signal<string | null>(null);
  protected readonly describe = describeUserAgent;
  protected readonly message = userMessage;

  revoke(session: Session): void {
    confirmAction(this.dialog, {
      title: 'Sign out this device?',
      message: `${describeUserAgent(session.userAgent)} will have to sign in again.`,
      confirmLabel: 'Sign out device',
      destructive: true,
    }).subscribe(async (confirmed) => {
      if (!confirmed) return;
      this.revoking.set(session.id);
      try {
        await dataOf(this.revokeSession.mutate({ variables: { id: session.id } }));
        this.notifier.success('The device was signed out');
        this.sessions.reload();
      } catch (error) {
        this.notifier.error(userMessage(error));
      } finally {
        this.revoking.set(null);
      }
    });
  }
}
