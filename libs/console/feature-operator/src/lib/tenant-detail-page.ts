import { DatePipe, DecimalPipe, JsonPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, LOCALE_ID } from '@angular/core';
import { MatAnchor, MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import {
  liveQuery,
  OperatorTenantGQL,
  PermissionsService,
  ReactivateTenantGQL,
  SuspendTenantGQL,
  userMessage,
} from '@warbler/console/data-access';
import { formatMoney, InvoiceStatusChip } from '@warbler/console/feature-billing';
import { TenantBillingTermsPanel, TenantCreditsPanel } from '@warbler/console/feature-finance';
import { ErrorState, LoadingState, Notifier, PageHeader } from '@warbler/console/ui';
import { openTenantStandingDialog } from './tenant-standing-dialog';
import { TenantStatusChip } from './tenant-status-chip';
import { percentOfLimit } from './usage-bars';

/** One tenant as staff see it: standing, plan, seats, usage against quotas, invoices, audit, support. */
@Component({
  selector: 'wb-tenant-detail-page',
  imports: [
    DatePipe,
    DecimalPipe,
    JsonPipe,
    RouterLink,
    MatAnchor,
    MatButton,
    MatIcon,
    MatProgressBar,
    PageHeader,
    ErrorState,
    LoadingState,
    InvoiceStatusChip,
    TenantStatusChip,
    TenantCreditsPanel,
    TenantBillingTermsPanel,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './tenant-detail-page.html',
  styleUrls: ['./operator-pages.scss', './tenant-detail-page.scss'],
})
export class TenantDetailPage {
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly permissions = inject(PermissionsService);
  private readonly tenantQuery = inject(OperatorTenantGQL);
  private readonly standing = { suspend: inject(SuspendTenantGQL), reactivate: inject(ReactivateTenantGQL) };
  private readonly locale = inject(LOCALE_ID);

  /** The route's `:tenantId`, bound by the router. */
  readonly tenantId = input.required<string>();

  protected readonly detail = liveQuery(
    () => this.tenantQuery.watch({ variables: { id: this.tenantId() }, fetchPolicy: 'network-only' }).valueChanges,
    (data) => data.operatorTenant,
    { enabled: () => this.permissions.can('readAcrossTenants', 'Tenant') },
  );
  protected readonly canSuspend = computed(() => this.permissions.can('suspend', 'Tenant'));
  protected readonly canStartSupport = computed(() => this.permissions.can('impersonate', 'SupportSession'));
  protected readonly canReadCredits = computed(() => this.permissions.can('readAcrossTenants', 'CreditGrant'));
  protected readonly canReadBillingTerms = computed(() => this.permissions.can('readAcrossTenants', 'BillingTerms'));
  protected readonly message = userMessage;
  protected readonly percentOfLimit = percentOfLimit;

  protected money(minor: string, currency: string): string {
    return formatMoney(minor, currency, this.locale);
  }

  protected seatShare(used: number, paid: number): number {
    return paid > 0 ? Math.min(100, (used / paid) * 100) : 100;
  }

  protected changeStanding(action: 'suspend' | 'reactivate'): void {
    const tenant = this.detail.data()?.tenant;
    if (!tenant) return;
    openTenantStandingDialog(this.dialog, this.standing, { tenant, action }).subscribe((changed) => {
      if (!changed) return;
      // The audit card and the notice the tenant got are read again with the rest.
      this.detail.reload();
      this.notifier.success(
        changed.status === 'SUSPENDED' ? `${changed.name} is suspended` : `${changed.name} is active again`,
      );
    });
  }
}
