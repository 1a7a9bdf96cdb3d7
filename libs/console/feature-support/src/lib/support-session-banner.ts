import { ChangeDetectionStrategy, Component, computed, DestroyRef, effect, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { Router } from '@angular/router';
import { userMessage } from '@warbler/console/data-access';
import { Notifier } from '@warbler/console/ui';
import { MODE_LABELS, remainingTime } from './remaining-time';
import { SupportSessionStore } from './support-session.store';

/**
 * Shown on every page while a support engineer works inside a tenant: whose view it is, the
 * mode, the time left (counting down) and the way out. At zero the session is over and the
 * console returns to the engineer's own account.
 */
@Component({
  selector: 'wb-support-session-banner',
  imports: [MatButton, MatIcon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (session(); as current) {
      <div class="banner" role="status" data-testid="support-session-banner">
        <mat-icon aria-hidden="true">support_agent</mat-icon>
        <span class="text">
          Support session in <strong>{{ current.tenantName }}</strong> as {{ current.viewedAsEmail }} ·
          {{ modeLabel() }} · ticket {{ current.ticketReference }}
        </span>
        <span class="time" data-testid="support-session-remaining" aria-label="Time left">{{ remaining() }} left</span>
        <button mat-flat-button type="button" (click)="end()" [disabled]="ending()" data-testid="end-support-session">
          End session
        </button>
      </div>
    }
  `,
  styles: `
    .banner {
      display: flex;
      align-items: center;
      gap: 12px;
      padding: 8px 16px;
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
      font: var(--mat-sys-body-medium);
    }
    .text {
      flex: 1;
    }
    .time {
      font-variant-numeric: tabular-nums;
      font-weight: 600;
    }
  `,
})
export class SupportSessionBanner {
  private readonly store = inject(SupportSessionStore);
  private readonly notifier = inject(Notifier);
  private readonly router = inject(Router);
  private readonly now = signal(new Date());

  protected readonly session = this.store.current;
  protected readonly ending = signal(false);
  protected readonly modeLabel = computed(() => MODE_LABELS[this.session()?.mode ?? 'READ_ONLY']);
  protected readonly remaining = computed(() => {
    const session = this.session();
    return session ? remainingTime(new Date(session.expiresAt), this.now()) : '';
  });

  constructor() {
    const timer = setInterval(() => this.now.set(new Date()), 1000);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
    effect(() => {
      const session = this.session();
      if (session && new Date(session.expiresAt) <= this.now()) void this.leave('The support session has expired');
    });
  }

  async end(): Promise<void> {
    this.ending.set(true);
    try {
      await this.store.end();
      this.notifier.success('Support session ended');
      await this.router.navigate(['/support']);
    } catch (error) {
      this.notifier.error(userMessage(error));
      // An ended or expired session cannot be ended again: leave it all the same.
      await this.leave(null);
    } finally {
      this.ending.set(false);
    }
  }

  private async leave(message: string | null): Promise<void> {
    await this.store.leave();
    if (message) this.notifier.success(message);
    await this.router.navigate(['/support']);
  }
}
