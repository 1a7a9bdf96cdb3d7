import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, LOCALE_ID } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import {
  CurrentSubscriptionGQL,
  liveQuery,
  PermissionsService,
  UsageOverviewGQL,
  userMessage,
} from '@warbler/console/data-access';
import { EmptyState, ErrorState, LoadingState, PageHeader } from '@warbler/console/ui';
import { formatEstimate, formatQuantity } from './quantity';
import { QuotaStatusChip } from './quota-status-chip';
import { UsageChart } from './usage-chart';
import { daysLeft, type MetricUsage, projectedTotal } from './usage-chart-data';

/** The tenant's metered usage this billing period, against its plan's quotas. */
@Component({
  selector: 'wb-usage-page',
  imports: [
    DatePipe,
    MatButton,
    MatCardModule,
    MatIcon,
    MatProgressBar,
    MatTableModule,
    RouterLink,
    PageHeader,
    EmptyState,
    ErrorState,
    LoadingState,
    QuotaStatusChip,
    UsageChart,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './usage-page.html',
  styleUrl: './usage-page.scss',
})
export class UsagePage {
  private readonly permissions = inject(PermissionsService);
  private readonly overviewQuery = inject(UsageOverviewGQL);
  private readonly subscriptionQuery = inject(CurrentSubscriptionGQL);
  private readonly locale = inject(LOCALE_ID);

  protected readonly usage = liveQuery(
    () => this.overviewQuery.watch().valueChanges,
    (data) => data.usageOverview,
    { enabled: () => this.permissions.can('read', 'Usage') },
  );
  protected readonly subscription = liveQuery(
    () => this.subscriptionQuery.watch().valueChanges,
    (data) => data.currentSubscription,
    { enabled: () => this.permissions.can('read', 'Subscription') },
  );
  protected readonly canManageKeys = computed(() => this.permissions.can('read', 'ApiKey'));
  protected readonly daysLeft = computed(() => {
    const overview = this.usage.data();
    return overview ? daysLeft(overview.periodEnd, new Date()) : null;
  });
  protected readonly columns = ['metric', 'used', 'limit', 'remaining', 'percent', 'status', 'resetsAt'];
  protected readonly message = userMessage;

  protected quantity(value: string): string {
    return formatQuantity(value, this.locale);
  }

  /** Where the metric is heading by the end of the period, when that is worth saying. */
  protected outlook(metric: MetricUsage, periodStart: string): string | null {
    if (metric.quota?.status === 'EXCEEDED') return 'limit reached, further usage is refused until it resets';
    const projected = projectedTotal(metric, { periodStart }, new Date());
    if (!projected) return null;
    if (projected.reachesLimit) return 'on course to reach the limit before the period ends';
    return `about ${formatEstimate(projected.total, this.locale)} by the end of the period`;
  }

  protected percent(metric: MetricUsage): number {
    return Math.min(100, metric.quota?.percentUsed ?? 0);
  }

  protected percentLabel(metric: MetricUsage): string {
    const percent = metric.quota?.percentUsed ?? 0;
    return `${new Intl.NumberFormat(this.locale, { maximumFractionDigits: 1 }).format(percent)}%`;
  }
}
