import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import {
  type AuditEventFilter,
  AuditEventsGQL,
  type AuditEventsQuery,
  dataOf,
  TenantContext,
} from '@warbler/console/data-access';
import { from, switchMap, tap } from 'rxjs';

export type AuditEvent = AuditEventsQuery['auditEvents']['edges'][number]['node'];

const PAGE_SIZE = 50;

/**
 * The audit log as pages of the newest events, for the current tenant and filter. A new
 * tenant or filter starts over from the newest; "load more" follows the cursor.
 */
@Injectable()
export class AuditLogStore {
  private readonly query = inject(AuditEventsGQL);
  private readonly tenant = inject(TenantContext);

  readonly filter = signal<AuditEventFilter>({});
  readonly events = signal<AuditEvent[]>([]);
  readonly loading = signal(true);
  readonly loadingMore = signal(false);
  readonly error = signal<unknown>(null);
  private readonly cursor = signal<string | null>(null);
  readonly hasMore = computed(() => this.cursor() !== null);

  constructor() {
    toObservable(
      computed(() => ({
        tenantId: this.tenant.tenantId(),
        filter: this.filter(),
      })),
    )
      .pipe(
        tap(() => {
          this.loading.set(true);
          this.error.set(null);
        }),
        switchMap(({ filter }) =>
          from(
            this.page(filter, null).then(
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
          this.events.set([]);
          this.cursor.set(null);
        } else {
          this.events.set(outcome.page.events);
          this.cursor.set(outcome.page.next);
        }
      });
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
      const page = await this.page(this.filter(), after);
      this.events.update((events) => [...events, ...page.events]);
      this.cursor.set(page.next);
      return null;
    } catch (error) {
      return error;
    } finally {
      this.loadingMore.set(false);
    }
  }

  private async page(filter: AuditEventFilter, after: string | null) {
    const { auditEvents } = await dataOf(this.query.fetch({ variables: { first: PAGE_SIZE, after, filter } }));
    return {
      events: auditEvents.edges.map((edge) => edge.node),
      next: auditEvents.pageInfo.hasNextPage ? (auditEvents.pageInfo.endCursor ?? null) : null,
    };
  }
}
