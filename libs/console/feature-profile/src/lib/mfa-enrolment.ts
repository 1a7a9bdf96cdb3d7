import { ChangeDetectionStrategy, Component, inject, input, type OnInit, output, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import {
  BeginMfaEnrollmentGQL,
  ConfirmMfaEnrollmentGQL,
  dataOf,
  SessionStore,
  userMessage,
} from '@warbler/console/data-access';
import { CopyField, ErrorState } from '@warbler/console/ui';
import { toDataURL } from 'qrcode';
import { RecoveryCodes } from './recovery-codes';

interface Pending {
  secret: string;
  qr: string;
}

/**
 * Turns on TOTP: scan the QR code (or type the secret), prove it with a code, then keep the
 * recovery codes. Used on the profile page and in the forced step for staff.
 */
@Component({
  selector: 'wb-mfa-enrolment',
  imports: [
    ReactiveFormsModule,
    MatButton,
    MatFormFieldModule,
    MatInput,
    MatProgressBar,
    CopyField,
    ErrorState,
    RecoveryCodes,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './mfa-enrolment.html',
  styleUrl: './mfa-enrolment.scss',
})
export class MfaEnrolment implements OnInit {
  private readonly begin = inject(BeginMfaEnrollmentGQL);
  private readonly confirmMutation = inject(ConfirmMfaEnrollmentGQL);
  private readonly session = inject(SessionStore);

  /** Whether the person may back out (not in the forced step). */
  readonly cancellable = input(true);
  readonly finished = output();
  readonly cancelled = output();

  protected readonly pending = signal<Pending | null>(null);
  protected readonly codes = signal<string[] | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly confirmError = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly confirmation = new FormGroup({
    code: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.pattern(/^\d{6}$/)],
    }),
  });

  ngOnInit(): void {
    void this.start();
  }

  async start(): Promise<void> {
    this.loadError.set(null);
    this.pending.set(null);
    try {
      const { beginMfaEnrollment } = await dataOf(this.begin.mutate());
      const qr = await toDataURL(beginMfaEnrollment.otpauthUrl, {
        margin: 1,
        width: 192,
      });
      this.pending.set({ secret: beginMfaEnrollment.secret, qr });
    } catch (error) {
      this.loadError.set(userMessage(error));
    }
  }

  async confirm(): Promise<void> {
    if (this.confirmation.invalid || this.busy()) return;
    this.busy.set(true);
    this.confirmError.set(null);
    try {
      const { confirmMfaEnrollment } = await dataOf(
        this.confirmMutation.mutate({
          variables: this.confirmation.getRawValue(),
        }),
      );
      // The session passed MFA just now; later calls need a token that says so. The codes
      // show only once it has one, so "I have saved my codes" never leads back to enrolment.
      await this.session.completeMfaStep();
      this.codes.set(confirmMfaEnrollment.codes);
    } catch (error) {
      this.confirmError.set(userMessage(error));
    } finally {
      this.busy.set(false);
    }
  }
}
