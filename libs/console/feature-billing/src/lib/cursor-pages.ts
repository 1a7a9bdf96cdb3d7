import { computed, DestroyRef, inject, signal, type Signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { TenantContext } from '@warbler/console/data-access';
import { from, switchMap, tap } from 'rxjs';

export interface Page<T> {
  items: T[];
  /** The cursor of the next page, or null on the last one. */
  next: string | null;
}

export interface CursorPages<T> {
  items: Signal<T[]>;
  loading: Signal<boolean>;
  loadingMore: Signal<boolean>;
  error: Signal<unknown>;
  hasMore: Signal<boolean>;
  reload(): void;
  /** Answers the error to show, or null. */
  loadMore(): Promise<unknown>;
  /** Puts a changed item in place, e.g. the result of a mutation. */
  replace(item: T): void;
}

/**
 * A list read page by page with opaque cursors: a new tenant or filter starts over from the first
 * page, "load more" follows the cursor. Call it in an injection context.
 */
export function cursorPages<T extends { id: string }, F>(
  filter: Signal<F>,
  fetch: (filter: F, after: string | null) => Promise<Page<T>>,
): CursorPages<T> {
  const tenant = inject(TenantContext);
  const items = signal<T[]>([]);
  const loading = signal(true);
  const loadingMore = signal(false);
  const error = signal<unknown>(null);
  const cursor = signal<string | null>(null);
  const reloads = signal(0);

  toObservable(computed(() => ({ tenantId: tenant.tenantId(), filter: filter(), reload: reloads() })))
    .pipe(
      tap(() => {
        loading.set(true);
        error.set(null);
      }),
      switchMap(({ filter }) =>
        from(
          fetch(filter, null).then(
            (page) => ({ page }),
            (failure: unknown) => ({ failure }),
          ),
        ),
      ),
      takeUntilDestroyed(inject(DestroyRef)),
    )
    .subscribe((outcome) => {
      loading.set(false);
      if ('failure' in outcome) {
        error.set(outcome.failure);
        items.set([]);
        cursor.set(null);
      } else {
        items.set(outcome.page.items);
        cursor.set(outcome.page.next);
      }
    });

  return {
    items: items.asReadonly(),
    loading: loading.asReadonly(),
    loadingMore: loadingMore.asReadonly(),
    error: error.asReadonly(),
    hasMore: computed(() => cursor() !== null),
    reload: () => reloads.update((count) => count + 1),
    loadMore: async () => {
      const after = cursor();
      if (after === null || loadingMore()) return null;
      loadingMore.set(true);
      try {
        const page = await fetch(filter(), after);
        items.update((current) => [...current, ...page.items]);
        cursor.set(page.next);
        return null;
      } catch (failure) {
        return failure;
      } finally {
        loadingMore.set(false);
      }
    },
    replace: (item) => items.update((current) => current.map((each) => (each.id === item.id ? item : each))),
  };
}
