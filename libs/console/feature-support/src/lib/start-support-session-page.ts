import { ChangeDetectionStrategy, Component, DestroyRef, inject, input, signal } from '@angular/core';
import { toObservable, takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import {
  dataOf,
  StaffSupportSessionGQL,
  StartSupportSessionGQL,
  type SupportSessionFieldsFragment,
  type SupportSessionMode,
  SupportViewableMembersGQL,
  type SupportViewableMembersQuery,
  userMessage,
} from '@warbler/console/data-access';
import { Notifier, PageHeader } from '@warbler/console/ui';
import { switchMap } from 'rxjs';
import { SupportSessionStore } from './support-session.store';

type Member = SupportViewableMembersQuery['supportViewableMembers'][number];

/** Checks a pending WRITE session this often until a platform admin approves it. */
const APPROVAL_POLL_MS = 5000;

/**
 * Opens a support session on one tenant (route /support/tenants/:tenantId/start, so other pages
 * can link to it): a reason and a ticket are required, READ_ONLY for 30 minutes unless asked.
 */
@Component({
  selector: 'wb-start-support-session-page',
  imports: [
    ReactiveFormsModule,
    MatButton,
    MatFormFieldModule,
    MatIcon,
    MatInput,
    MatSelectModule,
    RouterLink,
    PageHeader,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <wb-page-header title="Start a support session" subtitle="The tenant sees who, why and when in its audit log">
      <a mat-button routerLink="/support"><mat-icon>arrow_back</mat-icon> Support</a>
    </wb-page-header>

    @if (pending(); as session) {
      <section class="card" role="status" data-testid="support-session-pending">
        <h2>Waiting for a platform admin</h2>
        <p>
          {{ session.tenantName }} has not granted support write access, so a second staff member must approve this
          session. It starts as soon as they do; this page checks every few seconds.
        </p>
        <button mat-stroked-button type="button" (click)="cancel(session)">Cancel request</button>
      </section>
    } @else {
      <form class="card" [formGroup]="form" (ngSubmit)="start()">
        <mat-form-field appearance="outline">
          <mat-label>Reason</mat-label>
          <textarea
            matInput
            formControlName="reason"
            rows="3"
            required
            maxlength="1000"
            data-testid="support-reason"
          ></textarea>
          <mat-hint>Why you need to see this tenant; its owner reads it</mat-hint>
          @if (form.controls.reason.hasError('required')) {
            <mat-error>Give a reason</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Ticket reference</mat-label>
          <input matInput formControlName="ticketReference" required maxlength="100" data-testid="support-ticket" />
          @if (form.controls.ticketReference.hasError('required')) {
            <mat-error>Name the ticket</mat-error>
          }
        </mat-form-field>
        <div class="row">
          <mat-form-field appearance="outline">
            <mat-label>View as</mat-label>
            <mat-select formControlName="viewAsUserId" data-testid="support-view-as">
              <mat-option value="">The owner</mat-option>
              @for (member of members(); track member.userId) {
                <mat-option [value]="member.userId">{{ member.email }} ({{ member.role }})</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Mode</mat-label>
            <mat-select formControlName="mode">
              <mat-option value="READ_ONLY">Read-only</mat-option>
              <mat-option value="WRITE">Can make changes (needs a grant or approval)</mat-option>
            </mat-select>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Minutes</mat-label>
            <input matInput type="number" formControlName="durationMinutes" min="1" max="240" />
            <mat-hint>At most 240</mat-hint>
            @if (form.controls.durationMinutes.invalid) {
              <mat-error>From 1 to 240 minutes</mat-error>
            }
          </mat-form-field>
        </div>
        @if (problem(); as text) {
          <p class="error" role="alert">{{ text }}</p>
        }
        <div class="actions">
          <button mat-flat-button type="submit" [disabled]="starting()" data-testid="start-support-session">
            <mat-icon>support_agent</mat-icon>
            Start session
          </button>
        </div>
      </form>
    }
  `,
  styles: `
    .card {
      display: flex;
      flex-direction: column;
      gap: 8px;
      max-width: 760px;
      padding: 16px 24px;
      border-radius: 12px;
      background: var(--mat-sys-surface-container-low);
    }
    .row {
      display: flex;
      gap: 12px;
      flex-wrap: wrap;
    }
    .row mat-form-field {
      flex: 1;
      min-width: 180px;
    }
    .actions {
      display: flex;
      justify-content: flex-end;
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
})
export class StartSupportSessionPage {
  /** From the route. */
  readonly tenantId = input.required<string>();

  private readonly startMutation = inject(StartSupportSessionGQL);
  private readonly sessionQuery = inject(StaffSupportSessionGQL);
  private readonly membersQuery = inject(SupportViewableMembersGQL);
  private readonly store = inject(SupportSessionStore);
  private readonly notifier = inject(Notifier);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly form = inject(FormBuilder).nonNullable.group({
    reason: ['', [Validators.required, Validators.maxLength(1000)]],
    ticketReference: ['', [Validators.required, Validators.maxLength(100)]],
    /** Empty: the tenant's owner. */
    viewAsUserId: [''],
    mode: ['READ_ONLY' as SupportSessionMode],
    durationMinutes: [30, [Validators.required, Validators.min(1), Validators.max(240)]],
  });
  protected readonly members = signal<Member[]>([]);
  protected readonly pending = signal<SupportSessionFieldsFragment | null>(null);
  protected readonly starting = signal(false);
  protected readonly problem = signal<string | null>(null);
  private poll: ReturnType<typeof setInterval> | undefined;

  constructor() {
    toObservable(this.tenantId)
      .pipe(
        switchMap((tenantId) => this.membersQuery.fetch({ variables: { tenantId } })),
        takeUntilDestroyed(),
      )
      .subscribe({
        next: (result) => this.members.set(result.data?.supportViewableMembers ?? []),
        error: (error: unknown) => this.problem.set(userMessage(error)),
      });
    this.destroyRef.onDestroy(() => clearInterval(this.poll));
  }

  async start(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.starting.set(true);
    this.problem.set(null);
    try {
      const value = this.form.getRawValue();
      const { startSupportSession: session } = await dataOf(
        this.startMutation.mutate({
          variables: {
            input: {
              tenantId: this.tenantId(),
              reason: value.reason,
              ticketReference: value.ticketReference,
              viewAsUserId: value.viewAsUserId || null,
              mode: value.mode,
              durationMinutes: value.durationMinutes,
            },
          },
        }),
      );
      if (session.status === 'ACTIVE') await this.enter(session);
      else this.waitForApproval(session);
    } catch (error) {
      this.problem.set(userMessage(error));
    } finally {
      this.starting.set(false);
    }
  }

  async cancel(session: SupportSessionFieldsFragment): Promise<void> {
    clearInterval(this.poll);
    try {
      await this.store.endOutside(session);
      this.pending.set(null);
      await this.router.navigate(['/support']);
    } catch (error) {
      this.notifier.error(userMessage(error));
    }
  }

  private waitForApproval(session: SupportSessionFieldsFragment): void {
    this.pending.set(session);
    this.poll = setInterval(async () => {
      try {
        const { supportSession } = await dataOf(
          this.sessionQuery.fetch({ variables: { id: session.id, tenantId: session.tenantId } }),
        );
        if (supportSession.status === 'ACTIVE') {
          clearInterval(this.poll);
          await this.enter(supportSession);
        } else if (supportSession.status === 'ENDED') {
          clearInterval(this.poll);
          this.pending.set(null);
          this.problem.set('The request lapsed or was ended before anyone approved it.');
        }
      } catch (error) {
        clearInterval(this.poll);
        this.problem.set(userMessage(error));
      }
    }, APPROVAL_POLL_MS);
  }

  private async enter(session: SupportSessionFieldsFragment): Promise<void> {
    await this.store.enter(session);
    this.notifier.success(`Support session started in ${session.tenantName}`);
    await this.router.navigate(['/']);
  }
}
