import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import {
  CurrentTenantGQL,
  liveQuery,
  PermissionsService,
  SessionStore,
  userMessage,
} from '@warbler/console/data-access';
import { EmptyState, ErrorState, LoadingState, PageHeader, RoleChip } from '@warbler/console/ui';
import { NAV_ITEMS } from '../shell/nav-items';

const LINK_HINTS: Record<string, string> = {
  '/members': 'Invite people, assign seats and change roles',
  '/usage': 'Usage this period against your plan and its quotas',
  '/api-keys': 'Keys your software uses to report usage and check quotas',
  '/webhooks': 'Signed events your systems receive: invoices, payments, quotas and more',
  '/catalog/plans': 'Plans and their versions: prices, seats and quotas',
  '/catalog/metrics': 'What tenant software reports and plans charge for',
  '/audit': 'See who changed what, and verify the log',
  '/profile': 'Two-factor authentication and your sessions',
};

/** Where the console opens: the tenant at a glance and the way to its pages. */
@Component({
  selector: 'wb-overview-page',
  imports: [
    MatCardModule,
    MatIcon,
    MatProgressBar,
    RouterLink,
    PageHeader,
    EmptyState,
    ErrorState,
    LoadingState,
    RoleChip,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './overview-page.html',
  styleUrl: './overview-page.scss',
})
export class OverviewPage {
  private readonly permissions = inject(PermissionsService);
  private readonly tenantQuery = inject(CurrentTenantGQL);
  protected readonly session = inject(SessionStore);

  protected readonly tenant = liveQuery(
    () => this.tenantQuery.watch().valueChanges,
    (data) => data.currentTenant,
    { enabled: () => this.permissions.can('read', 'Tenant') },
  );
  protected readonly greeting = computed(() => {
    const name = this.session.me()?.user.displayName.split(' ')[0];
    return name ? `Welcome back, ${name}` : 'Welcome back';
  });
  protected readonly seatPercent = computed(() => {
    const tenant = this.tenant.data();
    return tenant && tenant.seatLimit > 0 ? Math.min(100, (tenant.seatsAssigned / tenant.seatLimit) * 100) : 0;
  });
  protected readonly links = computed(() =>
    NAV_ITEMS.filter((item) => item.path !== '/')
      .filter((item) => !item.requires || this.permissions.can(item.requires[0], item.requires[1]))
      .map((item) => ({ ...item, hint: LINK_HINTS[item.path] ?? '' })),
  );
  protected readonly message = userMessage;
}
