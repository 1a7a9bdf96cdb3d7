import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import {
  dataOf,
  DisableMfaGQL,
  RegenerateRecoveryCodesGQL,
  SessionStore,
  userMessage,
} from '@warbler/console/data-access';
import { Notifier } from '@warbler/console/ui';
import { askForCode } from './code-dialog';
import { MfaEnrolment } from './mfa-enrolment';
import { RecoveryCodes } from './recovery-codes';

/** The state of the person's second factor, and the ways to turn it on, renew or turn it off. */
@Component({
  selector: 'wb-two-factor-card',
  imports: [MatCardModule, MatButton, MatIcon, MfaEnrolment, RecoveryCodes],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-card appearance="outlined">
      <mat-card-header>
        <mat-icon mat-card-avatar aria-hidden="true">phonelink_lock</mat-icon>
        <mat-card-title>Two-factor authentication</mat-card-title>
        <mat-card-subtitle>
          @if (enabled()) {
            <span class="status on">On</span> Sign-ins ask for a code from your authenticator app.
          } @else {
            <span class="status">Off</span> Add a code from an authenticator app to every sign-in.
          }
        </mat-card-subtitle>
      </mat-card-header>
      <mat-card-content>
        @if (enrolling()) {
          <wb-mfa-enrolment (finished)="enrolling.set(false)" (cancelled)="enrolling.set(false)" />
        } @else if (newCodes(); as codes) {
          <wb-recovery-codes [codes]="codes" />
        }
      </mat-card-content>
      @if (!enrolling()) {
        <mat-card-actions align="end">
          @if (newCodes()) {
            <button mat-button type="button" (click)="newCodes.set(null)">Done</button>
          } @else if (enabled()) {
            @if (!isStaff()) {
              <button mat-button type="button" [disabled]="busy()" (click)="disable()">Turn off</button>
            }
            <button mat-stroked-button type="button" [disabled]="busy()" (click)="regenerate()">
              New recovery codes
            </button>
          } @else {
            <button mat-flat-button type="button" (click)="enrolling.set(true)">Set up</button>
          }
        </mat-card-actions>
      }
    </mat-card>
  `,
  styles: `
    mat-icon[mat-card-avatar] {
      display: grid;
      place-items: center;
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }
    .status {
      display: inline-block;
      margin-right: 6px;
      padding: 0 8px;
      border-radius: 10px;
      font: var(--mat-sys-label-medium);
      background: var(--mat-sys-surface-container-highest);
    }
    .status.on {
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }
    mat-card-content:not(:empty) {
      padding-top: 16px;
    }
  `,
})
export class TwoFactorCard {
  private readonly session = inject(SessionStore);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly disableMfa = inject(DisableMfaGQL);
  private readonly regenerateCodes = inject(RegenerateRecoveryCodesGQL);

  protected readonly enabled = computed(() => this.session.me()?.mfaEnabled ?? false);
  /** Staff accounts must keep their second factor; the API refuses to turn it off. */
  protected readonly isStaff = computed(() => !!this.session.me()?.staffRole);
  protected readonly enrolling = signal(false);
  protected readonly newCodes = signal<string[] | null>(null);
  protected readonly busy = signal(false);

  disable(): void {
    askForCode(this.dialog, {
      title: 'Turn off two-factor authentication?',
      message: 'Sign-ins will only need your password. Enter a code from your authenticator app to confirm.',
      confirmLabel: 'Turn off',
    }).subscribe((code) => {
      if (code)
        void this.run(async () => {
          await dataOf(this.disableMfa.mutate({ variables: { code } }));
          await this.session.reload();
          this.notifier.success('Two-factor authentication is off');
        });
    });
  }

  regenerate(): void {
    askForCode(this.dialog, {
      title: 'Make new recovery codes?',
      message: 'Your current recovery codes stop working. Enter a code from your authenticator app to confirm.',
      confirmLabel: 'Make new codes',
    }).subscribe((code) => {
      if (code)
        void this.run(async () => {
          const { regenerateRecoveryCodes } = await dataOf(this.regenerateCodes.mutate({ variables: { code } }));
          this.newCodes.set(regenerateRecoveryCodes.codes);
        });
    });
  }

  private async run(work: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    try {
      await work();
    } catch (error) {
      this.notifier.error(userMessage(error));
    } finally {
      this.busy.set(false);
    }
  }
}
