import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatSlideToggle } from '@angular/material/slide-toggle';
import {
  dataOf,
  GrantSupportWriteGQL,
  liveQuery,
  PermissionsService,
  RevokeSupportWriteGQL,
  SetSupportAccessGQL,
  SupportAccessSettingsGQL,
  userMessage,
} from '@warbler/console/data-access';
import { ErrorState, LoadingState, Notifier } from '@warbler/console/ui';

const DAY = 24 * 3600 * 1000;

/** The owner's say over support: refuse it altogether, or let support act until a date. */
@Component({
  selector: 'wb-support-access-card',
  imports: [DatePipe, FormsModule, MatButton, MatFormFieldModule, MatInput, MatSlideToggle, ErrorState, LoadingState],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card" aria-labelledby="support-access-title">
      <h2 id="support-access-title">Support access</h2>
      @if (settings.error(); as error) {
        <wb-error-state
          title="Support access could not be loaded"
          [message]="message(error)"
          (retry)="settings.reload()"
        />
      } @else if (settings.data(); as current) {
        <mat-slide-toggle
          [checked]="current.access === 'REFUSED'"
          [disabled]="!canUpdate() || busy()"
          (change)="setRefused($event.checked)"
          data-testid="refuse-support-access"
        >
          Refuse all support access
        </mat-slide-toggle>
        <p class="hint">
          @if (current.access === 'REFUSED') {
            Support staff cannot open sessions on this tenant. Open sessions were ended.
          } @else {
            Support staff may open read-only sessions, each with a reason and a ticket, recorded in the audit log.
          }
        </p>

        <h3>Let support make changes</h3>
        @if (current.writeGrantUntil) {
          <p data-testid="support-write-grant">
            Support may act until <strong>{{ current.writeGrantUntil | date: 'medium' }}</strong> (granted by
            {{ current.writeGrantedByEmail ?? 'a former owner' }} {{ current.writeGrantedAt | date: 'mediumDate' }}).
          </p>
          @if (canUpdate()) {
            <button mat-stroked-button type="button" (click)="revoke()" [disabled]="busy()">Revoke</button>
          }
        } @else {
          <p class="hint">
            Without a grant, a session that makes changes needs a second Warbler staff member’s approval.
          </p>
          @if (canUpdate() && current.access === 'ALLOWED') {
            <form class="grant" (ngSubmit)="grant()">
              <mat-form-field appearance="outline" subscriptSizing="dynamic">
                <mat-label>Allow until</mat-label>
                <input matInput type="date" name="until" [(ngModel)]="until" [min]="tomorrow" [max]="latest" />
              </mat-form-field>
              <button mat-flat-button type="submit" [disabled]="!until || busy()">Grant</button>
            </form>
          }
        }
      } @else {
        <wb-loading-state [rows]="2" label="Loading support access" />
      }
    </section>
  `,
  styles: `
    .card {
      padding: 16px 24px;
      margin-bottom: 24px;
      border-radius: 12px;
      background: var(--mat-sys-surface-container-low);
    }
    h2 {
      font: var(--mat-sys-title-medium);
      margin: 0 0 12px;
    }
    h3 {
      font: var(--mat-sys-title-small);
      margin: 16px 0 4px;
    }
    .hint {
      color: var(--mat-sys-on-surface-variant);
    }
    .grant {
      display: flex;
      gap: 12px;
      align-items: center;
    }
  `,
})
export class SupportAccessCard {
  private readonly permissions = inject(PermissionsService);
  private readonly notifier = inject(Notifier);
  private readonly settingsQuery = inject(SupportAccessSettingsGQL);
  private readonly setAccessMutation = inject(SetSupportAccessGQL);
  private readonly grantMutation = inject(GrantSupportWriteGQL);
  private readonly revokeMutation = inject(RevokeSupportWriteGQL);

  /** Refusing or revoking ends sessions: the list beside it reloads. */
  readonly changed = output<void>();

  protected readonly settings = liveQuery(
    () => this.settingsQuery.watch().valueChanges,
    (data) => data.supportAccess,
    { enabled: () => this.permissions.can('read', 'SupportAccess') },
  );
  protected readonly canUpdate = computed(() => this.permissions.can('update', 'SupportAccess'));
  protected readonly busy = signal(false);
  protected readonly message = userMessage;
  protected until = '';
  protected readonly tomorrow = isoDate(new Date(Date.now() + DAY));
  protected readonly latest = isoDate(new Date(Date.now() + 89 * DAY));

  async setRefused(refused: boolean): Promise<void> {
    await this.run(
      () => dataOf(this.setAccessMutation.mutate({ variables: { access: refused ? 'REFUSED' : 'ALLOWED' } })),
      refused ? 'Support access refused' : 'Support access allowed',
    );
  }

  async grant(): Promise<void> {
    // The end of the chosen day, in the owner's time zone.
    const until = new Date(`${this.until}T23:59:59`);
    await this.run(
      () => dataOf(this.grantMutation.mutate({ variables: { until: until.toISOString() } })),
      'Support may now act until the date you chose',
    );
  }

  async revoke(): Promise<void> {
    await this.run(() => dataOf(this.revokeMutation.mutate({})), 'Write grant revoked');
  }

  private async run(change: () => Promise<unknown>, success: string): Promise<void> {
    this.busy.set(true);
    try {
      await change();
      this.settings.reload();
      this.changed.emit();
      this.notifier.success(success);
    } catch (error) {
      this.notifier.error(userMessage(error));
    } finally {
      this.busy.set(false);
    }
  }
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
