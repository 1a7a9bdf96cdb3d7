import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, effect, inject, input, output, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { AuthService, toApiProblem, userMessage } from '@warbler/console/data-access';

/**
 * Email and password, then the second factor when the account has one. Emits once the
 * session holds a token; what comes next is the host page's business.
 */
@Component({
  selector: 'wb-sign-in',
  imports: [ReactiveFormsModule, MatButton, MatFormFieldModule, MatIcon, MatInput, MatProgressBar],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './sign-in.html',
  styleUrl: './sign-in.scss',
})
export class SignIn {
  private readonly auth = inject(AuthService);

  /** Fixes the email, e.g. to the address an invitation was sent to. */
  readonly email = input<string>();
  readonly signedIn = output();

  protected readonly challenge = signal<string | null>(null);
  protected readonly useRecoveryCode = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly busy = signal(false);

  protected readonly credentials = new FormGroup({
    email: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.email],
    }),
    password: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required],
    }),
  });
  protected readonly secondFactor = new FormGroup({
    code: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required],
    }),
  });

  constructor() {
    effect(() => {
      const fixed = this.email();
      if (fixed) {
        this.credentials.controls.email.setValue(fixed);
        this.credentials.controls.email.disable();
      }
    });
  }

  async submitCredentials(): Promise<void> {
    if (this.credentials.invalid || this.busy()) return;
    const { email, password } = this.credentials.getRawValue();
    await this.attempt(async () => {
      const outcome = await this.auth.login(email.trim(), password);
      if (outcome.status === 'mfa-required') {
        this.challenge.set(outcome.challenge);
        return;
      }
      this.signedIn.emit();
    }, 'The email or password is not right.');
  }

  async submitCode(): Promise<void> {
    const challenge = this.challenge();
    if (challenge === null || this.secondFactor.invalid || this.busy()) return;
    const value = this.secondFactor.controls.code.value.replace(/\s+/g, '');
    const recovery = this.useRecoveryCode();
    await this.attempt(
      async () => {
        await this.auth.completeMfa(challenge, recovery ? { recoveryCode: value } : { code: value });
        this.signedIn.emit();
      },
      recovery
        ? 'That recovery code did not work. Each code works only once.'
        : 'That code did not work. Codes change every 30 seconds; try the current one.',
    );
  }

  toggleRecoveryCode(): void {
    this.useRecoveryCode.update((value) => !value);
    this.secondFactor.reset();
    this.error.set(null);
  }

  startOver(): void {
    this.challenge.set(null);
    this.useRecoveryCode.set(false);
    this.secondFactor.reset();
    this.credentials.controls.password.reset();
    this.error.set(null);
  }

  /** Runs one sign-in request; `refused` is what a 401 means at this step. */
  private async attempt(work: () => Promise<void>, refused: string): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      await work();
    } catch (error) {
      const unauthorised =
        error instanceof HttpErrorResponse && error.status === 401 && toApiProblem(error).code === 'UNAUTHENTICATED';
      this.error.set(unauthorised ? refused : userMessage(error));
    } finally {
      this.busy.set(false);
    }
  }
}
