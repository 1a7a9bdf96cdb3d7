import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, LOCALE_ID, signal } from '@angular/core';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatSlideToggle } from '@angular/material/slide-toggle';
import { MatTableModule } from '@angular/material/table';
import { MatTooltip } from '@angular/material/tooltip';
import {
  ArchiveCouponGQL,
  type CouponFieldsFragment,
  CouponsGQL,
  dataOf,
  PermissionsService,
  userMessage,
} from '@warbler/console/data-access';
import { cursorPages, discountAmount, discountDuration } from '@warbler/console/feature-billing';
import {
  type ChipTone,
  confirmAction,
  EmptyState,
  ErrorState,
  LoadingState,
  Notifier,
  PageHeader,
  StatusChip,
} from '@warbler/console/ui';
import { firstValueFrom } from 'rxjs';
import { openApplyCouponDialog } from './apply-coupon-dialog';
import { openCreateCouponDialog } from './create-coupon-dialog';

const PAGE_SIZE = 25;

interface CouponState {
  label: string;
  tone: ChipTone;
}

/** Where a coupon stands for new redemptions: archived, expired, used up, or open. */
export function couponState(coupon: CouponFieldsFragment, now = Date.now()): CouponState {
  if (coupon.archivedAt) return { label: 'Archived', tone: 'neutral' };
  if (coupon.redeemBy && new Date(coupon.redeemBy).getTime() <= now) return { label: 'Expired', tone: 'neutral' };
  if (
    coupon.maxRedemptions !== null &&
    coupon.maxRedemptions !== undefined &&
    coupon.timesRedeemed >= coupon.maxRedemptions
  ) {
    return { label: 'Used up', tone: 'tertiary' };
  }
  return { label: 'Active', tone: 'primary' };
}

/** The platform's coupons for finance and platform admins: create, archive, apply to a tenant. */
@Component({
  selector: 'wb-coupons-page',
  imports: [
    DatePipe,
    MatButton,
    MatIconButton,
    MatIcon,
    MatSlideToggle,
    MatTableModule,
    MatTooltip,
    PageHeader,
    EmptyState,
    ErrorState,
    LoadingState,
    StatusChip,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './coupons-page.html',
  styleUrl: './coupons-page.scss',
})
export class CouponsPage {
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly permissions = inject(PermissionsService);
  private readonly query = inject(CouponsGQL);
  private readonly archiveMutation = inject(ArchiveCouponGQL);
  private readonly locale = inject(LOCALE_ID);

  protected readonly includeArchived = signal(false);
  protected readonly pages = cursorPages<CouponFieldsFragment, boolean>(
    this.includeArchived,
    async (includeArchived, after) => {
      const { coupons } = await dataOf(
        this.query.fetch({ variables: { first: PAGE_SIZE, after, includeArchived }, fetchPolicy: 'network-only' }),
      );
      return {
        items: coupons.edges.map((edge) => edge.node),
        next: coupons.pageInfo.hasNextPage ? (coupons.pageInfo.endCursor ?? null) : null,
      };
    },
  );
  protected readonly columns = ['code', 'discount', 'plans', 'redemptions', 'redeemBy', 'status', 'actions'];
  protected readonly canCreate = computed(() => this.permissions.can('create', 'Coupon'));
  protected readonly canArchive = computed(() => this.permissions.can('update', 'Coupon'));
  protected readonly canApply = computed(() => this.permissions.can('apply', 'Discount'));
  protected readonly busy = signal<string | null>(null);
  protected readonly message = userMessage;
  protected readonly state = couponState;

  protected discount(coupon: CouponFieldsFragment): string {
    return `${discountAmount(coupon, this.locale)}, ${discountDuration(coupon)}`;
  }

  protected plans(coupon: CouponFieldsFragment): string {
    return coupon.plans.length === 0 ? 'Any plan' : coupon.plans.map((plan) => plan.name).join(', ');
  }

  protected async create(): Promise<void> {
    const created = await firstValueFrom(openCreateCouponDialog(this.dialog));
    if (!created) return;
    this.pages.reload();
    this.notifier.success(`Coupon ${created.code} created`);
  }

  protected async apply(coupon: CouponFieldsFragment): Promise<void> {
    const applied = await firstValueFrom(openApplyCouponDialog(this.dialog, coupon));
    if (!applied) return;
    this.pages.reload();
    this.notifier.success(`${coupon.code} applies to the tenant's next invoices`);
  }

  protected async archive(coupon: CouponFieldsFragment): Promise<void> {
    const confirmed = await firstValueFrom(
      confirmAction(this.dialog, {
        title: `Archive ${coupon.code}?`,
        message:
          'Nobody can redeem it any more, and it cannot be restored. Tenants who hold it keep their discount ' +
          'until its periods are used.',
        confirmLabel: 'Archive',
        destructive: true,
      }),
    );
    if (!confirmed) return;
    this.busy.set(coupon.id);
    try {
      const { archiveCoupon } = await dataOf(this.archiveMutation.mutate({ variables: { id: coupon.id } }));
      if (this.includeArchived()) this.pages.replace(archiveCoupon);
      else this.pages.reload();
      this.notifier.success(`${coupon.code} archived`);
    } catch (error) {
      this.notifier.error(userMessage(error));
    } finally {
      this.busy.set(null);
    }
  }

  protected async loadMore(): Promise<void> {
    const error = await this.pages.loadMore();
    if (error) this.notifier.error(userMessage(error));
  }
}
