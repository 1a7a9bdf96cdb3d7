import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, LOCALE_ID } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatTableModule } from '@angular/material/table';
import {
  type CreditGrantFieldsFragment,
  dataOf,
  FinanceCreditLedgerGQL,
  FinanceTenantCreditsGQL,
  liveQuery,
  PermissionsService,
  RevokeCreditGrantGQL,
  userMessage,
} from '@warbler/console/data-access';
import {
  CREDIT_KIND_LABELS,
  CREDIT_STATUS_LABELS,
  CREDIT_STATUS_TONES,
  CreditLedgerTable,
  cursorPages,
  formatMoney,
} from '@warbler/console/feature-billing';
import {
  type ChipTone,
  EmptyState,
  ErrorState,
  LoadingState,
  Notifier,
  openReasonDialog,
  StatusChip,
} from '@warbler/console/ui';
import { openGrantCreditsDialog } from './grant-credits-dialog';

const LEDGER_PAGE = 20;

/**
 * A tenant's prepaid credits for finance and platform admins: balances, every grant with where it stands,
 * the ledger, and the ways to grant credits or revoke a grant nothing was spent from.
 */
@Component({
  selector: 'wb-tenant-credits-panel',
  imports: [
    DatePipe,
    MatButton,
    MatIcon,
    MatTableModule,
    EmptyState,
    ErrorState,
    LoadingState,
    StatusChip,
    CreditLedgerTable,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './tenant-credits-panel.html',
  styleUrl: './tenant-credits-panel.scss',
})
export class TenantCreditsPanel {
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly permissions = inject(PermissionsService);
  private readonly creditsQuery = inject(FinanceTenantCreditsGQL);
  private readonly ledgerQuery = inject(FinanceCreditLedgerGQL);
  private readonly revokeMutation = inject(RevokeCreditGrantGQL);
  private readonly locale = inject(LOCALE_ID);

  readonly tenantId = input.required<string>();
  readonly tenantName = input.required<string>();
  /** The currency the tenant's plan bills in: a new grant's default. */
  readonly currency = input('USD');

  protected readonly canGrant = computed(() => this.permissions.can('create', 'CreditGrant'));
  protected readonly canRevoke = computed(() => this.permissions.can('void', 'CreditGrant'));
  protected readonly credits = liveQuery(
    () =>
      this.creditsQuery.watch({ variables: { tenantId: this.tenantId() }, fetchPolicy: 'network-only' }).valueChanges,
    (data) => data.financeTenantCredits,
  );
  protected readonly ledger = cursorPages(this.tenantId, async (tenantId, after) => {
    const { financeCreditLedger } = await dataOf(
      this.ledgerQuery.fetch({ variables: { tenantId, first: LEDGER_PAGE, after }, fetchPolicy: 'network-only' }),
    );
    return {
      items: financeCreditLedger.edges.map((edge) => edge.node),
      next: financeCreditLedger.pageInfo.hasNextPage ? (financeCreditLedger.pageInfo.endCursor ?? null) : null,
    };
  });
  protected readonly grantColumns = ['reason', 'kind', 'amount', 'remaining', 'expires', 'status', 'actions'];
  protected readonly message = userMessage;

  protected money(minor: string, currency: string): string {
    return formatMoney(minor, currency, this.locale);
  }

  protected kindLabel(grant: CreditGrantFieldsFragment): string {
    return CREDIT_KIND_LABELS[grant.kind];
  }

  protected statusLabel(grant: CreditGrantFieldsFragment): string {
    return CREDIT_STATUS_LABELS[grant.status];
  }

  protected statusTone(grant: CreditGrantFieldsFragment): ChipTone {
    return CREDIT_STATUS_TONES[grant.status];
  }

  /** Only a grant nothing was taken from can be revoked (docs/credits.md). */
  protected revocable(grant: CreditGrantFieldsFragment): boolean {
    return grant.status === 'ACTIVE' && grant.remainingMinor === grant.amountMinor;
  }

  protected grant(): void {
    openGrantCreditsDialog(this.dialog, {
      tenantId: this.tenantId(),
      tenantName: this.tenantName(),
      currency: this.currency(),
    }).subscribe((made) => {
      if (!made) return;
      this.refresh();
      this.notifier.success(`${this.money(made.amountMinor, made.currency)} of credits granted`);
    });
  }

  protected revoke(grant: CreditGrantFieldsFragment): void {
    openReasonDialog(this.dialog, {
      title: 'Revoke credits',
      context: `${this.money(grant.amountMinor, grant.currency)} (“${grant.reason}”) is taken back from ${this.tenantName()}. Nothing of it was spent; this cannot be undone.`,
      confirmLabel: 'Revoke',
      busyLabel: 'Revoking the grant',
      destructive: true,
      submit: async (reason) =>
        (
          await dataOf(
            this.revokeMutation.mutate({ variables: { tenantId: this.tenantId(), grantId: grant.id, reason } }),
          )
        ).revokeCreditGrant,
      describeError: userMessage,
    }).subscribe((revoked) => {
      if (!revoked) return;
      this.refresh();
      this.notifier.success('The grant is revoked');
    });
  }

  async loadMore(): Promise<void> {
    const error = await this.ledger.loadMore();
    if (error) this.notifier.error(userMessage(error));
  }

  private refresh(): void {
    this.credits.reload();
    this.ledger.reload();
  }
}
