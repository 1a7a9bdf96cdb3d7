import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import {
  dataOf,
  TenantContext,
  type WebhookDeliveryFieldsFragment,
  WebhookDeliveriesGQL,
  type WebhookDeliveryStatus,
} from '@warbler/console/data-access';
import { from, switchMap, tap } from 'rxjs';

export interface DeliveryFilter {
  endpointId: string | null;
  status: WebhookDeliveryStatus | null;
}

const PAGE_SIZE = 25;
/** The API's largest page: a refresh re-reads at most this many. */
const MAX_PAGE = 100;
/** While a delivery is pending the list looks again this often, so its outcome shows without a reload. */
const PENDING_REFRESH_MS = 2_000;

/**
 * The tenant's deliveries, newest first, for the current tenant and filter. A new tenant or filter
 * starts over; "load more" follows the cursor; while any shown delivery is pending the list refreshes
 * itself quietly.
 */
@Injectable()
export class WebhookDeliveriesStore {
  private readonly query = inject(WebhookDeliveriesGQL);
  private readonly tenant = inject(TenantContext);
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;

  readonly filter = signal<DeliveryFilter>({ endpointId: null, status: null });
  readonly deliveries = signal<WebhookDeliveryFieldsFragment[]>([]);
  readonly loading = signal(true);
  readonly loadingMore = signal(false);
  readonly error = signal<unknown>(null);
  private readonly cursor = signal<string | null>(null);
  readonly hasMore = computed(() => this.cursor() !== null);

  constructor() {
    toObservable(computed(() => ({ tenantId: this.tenant.tenantId(), filter: this.filter() })))
      .pipe(
        tap(() => {
          this.loading.set(true);
          this.error.set(null);
        }),
        switchMap(({ filter }) =>
          from(
            this.page(filter, PAGE_SIZE, null).then(
              (page) => ({ page }),
              (error: unknown) => ({ error }),
            ),
          ),
        ),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe((outcome) => {
        this.loading.set(false);
        if ('error' in outcome) {
          this.error.set(outcome.error);
          this.deliveries.set([]);
          this.cursor.set(null);
        } else {
          this.show(outcome.page);
        }
      });
    inject(DestroyRef).onDestroy(() => clearTimeout(this.refreshTimer));
  }

  reload(): void {
    this.filter.update((filter) => ({ ...filter }));
  }

  /** Answers the error to show, or null. */
  async loadMore(): Promise<unknown> {
    const after = this.cursor();
    if (after === null || this.loadingMore()) return null;
    this.loadingMore.set(true);
    try {
      const page = await this.page(this.filter(), PAGE_SIZE, after);
      this.deliveries.update((deliveries) => [...deliveries, ...page.deliveries]);
      this.cursor.set(page.next);
      return null;
    } catch (error) {
      return error;
    } finally {
      this.loadingMore.set(false);
    }
  }

  /** Looks again soon while something is pending; the list is replaced without a loading state. */
  private show(page: { deliveries: WebhookDeliveryFieldsFragment[]; next: string | null }): void {
    this.deliveries.set(page.deliveries);
    this.cursor.set(page.next);
    clearTimeout(this.refreshTimer);
    if (!page.deliveries.some((delivery) => delivery.status === 'PENDING')) return;
    this.refreshTimer = setTimeout(() => {
      const filter = this.filter();
      const size = Math.min(MAX_PAGE, Math.max(PAGE_SIZE, this.deliveries().length));
      this.page(filter, size, null).then(
        (fresh) => {
          if (filter === this.filter()) this.show(fresh);
        },
        () => undefined,
      );
    }, PENDING_REFRESH_MS);
  }

  private async page(filter: DeliveryFilter, first: number, after: string | null) {
    const { webhookDeliveries } = await dataOf(
      this.query.fetch({ variables: { ...filter, first, after }, fetchPolicy: 'network-only' }),
    );
    return {
      deliveries: webhookDeliveries.edges.map((edge) => edge.node),
      next: webhookDeliveries.pageInfo.hasNextPage ? (webhookDeliveries.pageInfo.endCursor ?? null) : null,
    };
  }
}
