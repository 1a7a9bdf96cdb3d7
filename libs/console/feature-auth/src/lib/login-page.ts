import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { Router } from '@angular/router';
import { SessionStore, userMessage } from '@warbler/console/data-access';
import { AuthCard } from './auth-card';
import { safeReturnUrl } from './guards';
import { SignIn } from './sign-in';

@Component({
  selector: 'wb-login-page',
  imports: [AuthCard, SignIn],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <wb-auth-card title="Sign in" subtitle="Manage your team, seats and audit log">
      @if (notice(); as text) {
        <p class="notice" role="status">{{ text }}</p>
      }
      <wb-sign-in (signedIn)="enter()" />
    </wb-auth-card>
  `,
  styles: `
    .notice {
      margin: 0 0 16px;
      padding: 12px 14px;
      border-radius: var(--mat-sys-corner-small);
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
      font: var(--mat-sys-body-medium);
    }
  `,
})
export class LoginPage {
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);

  /** Bound from the query string by the router. */
  readonly returnUrl = input<string>();
  readonly expired = input<string>();

  private readonly failure = signal<string | null>(null);
  protected readonly notice = computed(
    () => this.failure() ?? (this.expired() ? 'Your session has ended. Sign in again to continue.' : null),
  );

  async enter(): Promise<void> {
    try {
      await this.session.start();
      await this.router.navigateByUrl(safeReturnUrl(this.returnUrl()));
    } catch (error) {
      this.failure.set(userMessage(error));
    }
  }
}
