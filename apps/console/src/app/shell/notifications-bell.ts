import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatBadge } from '@angular/material/badge';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatDivider } from '@angular/material/divider';
import { MatIcon } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { Router } from '@angular/router';
import {
  dataOf,
  liveQuery,
  MarkAllNotificationsReadGQL,
  MarkNotificationsReadGQL,
  NotificationsGQL,
  type NotificationsQuery,
  PermissionsService,
  userMessage,
} from '@warbler/console/data-access';
import { Notifier } from '@warbler/console/ui';

type Notification = NotificationsQuery['notifications']['items'][number];

/** Quota alerts need no page reload to show up, but need not be instant either. */
const POLL_MS = 60_000;

/** The tenant's latest notifications (quota thresholds and the like) for its admins. */
@Component({
  selector: 'wb-notifications-bell',
  imports: [DatePipe, MatBadge, MatButton, MatIconButton, MatDivider, MatIcon, MatMenuModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button
      mat-icon-button
      type="button"
      [matMenuTriggerFor]="menu"
      [attr.aria-label]="unread() ? 'Notifications, ' + unread() + ' unread' : 'Notifications'"
      data-testid="notifications"
    >
      <mat-icon
        [matBadge]="unread()"
        [matBadgeHidden]="unread() === 0"
        matBadgeSize="small"
        matBadgeColor="warn"
        aria-hidden="true"
        >notifications</mat-icon
      >
    </button>
    <mat-menu #menu="matMenu" xPosition="before" class="wb-notifications-menu">
      <div class="heading">
        <span>Notifications</span>
        @if (unread() > 0) {
          <button mat-button type="button" (click)="markAllRead()">Mark all read</button>
        }
      </div>
      <mat-divider />
      @for (item of items(); track item.id) {
        <button mat-menu-item type="button" class="item" [class.unread]="!item.read" (click)="open(item)">
          <span class="title">{{ item.title }}</span>
          <span class="body">{{ item.body }}</span>
          <span class="when">{{ item.createdAt | date: 'medium' }}</span>
        </button>
      } @empty {
        <div class="empty">
          {{ feed.error() ? message(feed.error()) : feed.loading() ? 'Loading…' : 'Nothing new.' }}
        </div>
      }
    </mat-menu>
  `,
  styles: `
    /* The menu panel lives in an overlay outside this component; Material caps it at 280px. */
    ::ng-deep .wb-notifications-menu.mat-mdc-menu-panel {
      width: 400px;
      max-width: calc(100vw - 32px);
    }
    .heading {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 16px;
      padding: 4px 8px 4px 16px;
      font: var(--mat-sys-title-small);
    }
    .item {
      height: auto;
      min-height: 64px;
      padding-top: 8px;
      padding-bottom: 8px;
    }
    .item ::ng-deep .mat-mdc-menu-item-text {
      display: flex;
      flex-direction: column;
      gap: 2px;
      white-space: normal;
    }
    .title {
      font: var(--mat-sys-title-small);
    }
    .unread .title::before {
      content: '';
      display: inline-block;
      width: 8px;
      height: 8px;
      margin-right: 6px;
      border-radius: 50%;
      background: var(--mat-sys-primary);
    }
    .body {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .when {
      font: var(--mat-sys-label-small);
      color: var(--mat-sys-outline);
    }
    .empty {
      padding: 16px;
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class NotificationsBell {
  private readonly router = inject(Router);
  private readonly notifier = inject(Notifier);
  private readonly permissions = inject(PermissionsService);
  private readonly query = inject(NotificationsGQL);
  private readonly markAll = inject(MarkAllNotificationsReadGQL);
  private readonly markSome = inject(MarkNotificationsReadGQL);

  protected readonly feed = liveQuery(
    () => this.query.watch({ variables: { first: 10 }, pollInterval: POLL_MS }).valueChanges,
    (data) => data.notifications,
    { enabled: () => this.permissions.can('read', 'Notification') },
  );
  protected readonly items = computed(() => this.feed.data()?.items ?? []);
  protected readonly unread = computed(() => this.feed.data()?.unreadCount ?? 0);
  protected readonly message = userMessage;

  async markAllRead(): Promise<void> {
    try {
      await dataOf(this.markAll.mutate({}));
      this.feed.reload();
    } catch (error) {
      this.notifier.error(userMessage(error));
    }
  }

  async open(item: Notification): Promise<void> {
    if (!item.read) {
      await dataOf(this.markSome.mutate({ variables: { ids: [item.id] } })).then(
        () => this.feed.reload(),
        () => undefined,
      );
    }
    // Links are console paths; anything else is not followed.
    if (item.link?.startsWith('/') && !item.link.startsWith('//')) await this.router.navigateByUrl(item.link);
  }
}
