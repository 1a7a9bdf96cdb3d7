import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { Router } from '@angular/router';
import { SessionStore } from '@warbler/console/data-access';
import { MfaEnrolment } from '@warbler/console/feature-profile';
import { AuthCard } from './auth-card';

/** Staff accounts reach nothing else until they have a second factor. */
@Component({
  selector: 'wb-mfa-setup-page',
  imports: [AuthCard, MfaEnrolment, MatButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <wb-auth-card
      title="Set up two-factor authentication"
      subtitle="Staff accounts can reach every tenant, so they must use a second factor. This takes a minute."
      [wide]="true"
    >
      <wb-mfa-enrolment [cancellable]="false" (finished)="continue()" />
      <button footer mat-button type="button" (click)="signOut()">Sign out</button>
    </wb-auth-card>
  `,
})
export class MfaSetupPage {
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);

  continue(): Promise<boolean> {
    return this.router.navigateByUrl('/');
  }

  async signOut(): Promise<void> {
    await this.session.signOut();
    await this.router.navigateByUrl('/login');
  }
}
