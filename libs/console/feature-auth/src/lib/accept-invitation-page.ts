import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, type OnInit, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatProgressBar } from '@angular/material/progress-bar';
import { Router } from '@angular/router';
import {
  AcceptInvitationGQL,
  dataOf,
  InvitationPreviewGQL,
  type InvitationPreviewQuery,
  SessionStore,
  TenantContext,
  toApiProblem,
  userMessage,
} from '@warbler/console/data-access';
import { EmptyState, Notifier, RoleChip } from '@warbler/console/ui';
import { AuthCard } from './auth-card';
import { SignIn } from './sign-in';
import { SignUpForm } from './sign-up-form';

type Preview = InvitationPreviewQuery['invitationPreview'];

/**
 * Where an invitation link lands. People with an account sign in (as the invited address)
 * and accept; people without one create it here, which accepts the invitation too.
 */
@Component({
  selector: 'wb-accept-invitation-page',
  imports: [DatePipe, MatButton, MatProgressBar, AuthCard, SignIn, SignUpForm, EmptyState, RoleChip],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './accept-invitation-page.html',
  styleUrl: './accept-invitation-page.scss',
})
export class AcceptInvitationPage implements OnInit {
  private readonly previewQuery = inject(InvitationPreviewGQL);
  private readonly acceptMutation = inject(AcceptInvitationGQL);
  private readonly tenant = inject(TenantContext);
  private readonly router = inject(Router);
  private readonly notifier = inject(Notifier);
  protected readonly session = inject(SessionStore);

  /** From the route, `/invite/:token`. */
  readonly token = input.required<string>();

  protected readonly preview = signal<Preview | null>(null);
  protected readonly unusable = signal<string | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly busy = signal(false);

  /** Signed in as the invited address: accepting is one click. */
  protected readonly signedInAsInvitee = computed(() => {
    const email = this.session.me()?.user.email;
    const invited = this.preview()?.email;
    return this.session.ready() && !!email && !!invited && email.toLowerCase() === invited.toLowerCase();
  });

  ngOnInit(): void {
    void this.load();
  }

  async load(): Promise<void> {
    this.unusable.set(null);
    try {
      const { invitationPreview } = await dataOf(this.previewQuery.fetch({ variables: { token: this.token() } }));
      this.preview.set(invitationPreview);
    } catch (error) {
      const { code } = toApiProblem(error);
      this.unusable.set(
        code === 'NOT_FOUND' || code === 'BAD_USER_INPUT' || code === 'CONFLICT'
          ? 'This invitation has expired, was revoked or has already been used. Ask whoever invited you to send a new one.'
          : userMessage(error),
      );
    }
  }

  /** For an existing account, once signed in as the invited address. */
  async accept(): Promise<void> {
    await this.run(async () => {
      const { acceptInvitation } = await dataOf(this.acceptMutation.mutate({ variables: { token: this.token() } }));
      await this.enter(acceptInvitation.tenant.id, acceptInvitation.tenant.name);
    });
  }

  /** The account was just created (and the invitation accepted) by the sign-up form. */
  async joined(tenantId: string): Promise<void> {
    await this.run(() => this.enter(tenantId, this.preview()?.tenantName ?? 'your team'));
  }

  async signOut(): Promise<void> {
    await this.session.signOut();
  }

  private async enter(tenantId: string, tenantName: string): Promise<void> {
    this.tenant.select(tenantId);
    await this.session.start();
    this.notifier.success(`Welcome to ${tenantName}`);
    await this.router.navigateByUrl('/');
  }

  private async run(work: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      await work();
    } catch (error) {
      this.error.set(userMessage(error));
    } finally {
      this.busy.set(false);
    }
  }
}
