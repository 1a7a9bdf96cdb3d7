import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { AuthService, userMessage } from '@warbler/console/data-access';

const MIN_PASSWORD = 12;

/** Creates the account an invitation was sent to; the server accepts the invitation with it. */
@Component({
  selector: 'wb-sign-up-form',
  imports: [ReactiveFormsModule, MatButton, MatFormFieldModule, MatInput],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (error(); as message) {
      <p class="error" role="alert">{{ message }}</p>
    }
    <form [formGroup]="form" (ngSubmit)="submit()">
      <mat-form-field appearance="outline">
        <mat-label>Email</mat-label>
        <input matInput [value]="email()" disabled autocomplete="username" />
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>Your name</mat-label>
        <input matInput formControlName="displayName" autocomplete="name" />
        <mat-hint>How teammates will see you</mat-hint>
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>Password</mat-label>
        <input matInput formControlName="password" type="password" autocomplete="new-password" />
        @if (form.controls.password.hasError('minlength')) {
          <mat-error>Use at least {{ minPassword }} characters</mat-error>
        } @else {
          <mat-hint>At least {{ minPassword }} characters</mat-hint>
        }
      </mat-form-field>
      <button mat-flat-button type="submit" [disabled]="busy()">Create account and join</button>
    </form>
  `,
  styles: `
    form {
      display: flex;
      flex-direction: column;
      gap: 8px;
    }
    button {
      height: 44px;
      margin-top: 8px;
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
export class SignUpForm {
  private readonly auth = inject(AuthService);

  readonly token = input.required<string>();
  readonly email = input.required<string>();
  /** Emits the tenant joined once the account exists and is signed in. */
  readonly joined = output<string>();

  protected readonly minPassword = MIN_PASSWORD;
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly form = new FormGroup({
    displayName: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(100)],
    }),
    password: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.minLength(MIN_PASSWORD)],
    }),
  });

  async submit(): Promise<void> {
    if (this.form.invalid || this.busy()) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      const { displayName, password } = this.form.getRawValue();
      this.joined.emit(await this.auth.signUpWithInvitation(this.token(), displayName.trim(), password));
    } catch (error) {
      this.error.set(userMessage(error));
    } finally {
      this.busy.set(false);
    }
  }
}
