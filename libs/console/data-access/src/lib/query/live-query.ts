import { computed, DestroyRef, inject, signal, type Signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import type { ObservableQuery } from '@apollo/client';
import { catchError, distinctUntilChanged, EMPTY, filter, map, type Observable, of, switchMap, tap } from 'rxjs';
import { TenantContext } from '../tenant/tenant-context';

export interface LiveQuery<T> {
  data: Signal<T | undefined>;
  /** True until the first answer for the current tenant; a reload keeps showing the old data. */
  loading: Signal<boolean>;
  error: Signal<unknown>;
  reload(): void;
}

export interface LiveQueryOptions {
  /** Runs the query only while this is true, e.g. while the person may read what it asks for. */
  enabled?: () => boolean;
}

/**
 * A query bound to the current tenant: it runs again whenever the tenant changes (and on
 * `reload()`), and keeps following the Apollo cache so mutation results show at once.
 * Call it in an injection context (a field initializer).
 */
export function liveQuery<TData, T>(
  watch: () => Observable<ObservableQuery.Result<TData>>,
  pick: (data: TData) => T,
  options: LiveQueryOptions = {},
): LiveQuery<T> {
  const tenant = inject(TenantContext);
  const enabled = options.enabled ?? (() => true);
  const scope = toObservable(computed(() => ({ tenantId: tenant.tenantId(), enabled: enabled() })));
  const reloads = signal(0);
  const reload$ = toObservable(reloads);
  const data = signal<T | undefined>(undefined);
  const loading = signal(true);
  const error = signal<unknown>(null);

  scope
    .pipe(
      distinctUntilChanged((a, b) => a.tenantId === b.tenantId && a.enabled === b.enabled),
      tap(({ enabled }) => {
        data.set(undefined);
        error.set(null);
        loading.set(enabled);
      }),
      switchMap(({ enabled }) => (enabled ? reload$.pipe(switchMap(() => watch().pipe(completeData()))) : EMPTY)),
      takeUntilDestroyed(inject(DestroyRef)),
    )
    .subscribe((result) => {
      loading.set(false);
      if ('error' in result) {
        error.set(result.error);
      } else {
        error.set(null);
        data.set(pick(result.data));
      }
    });

  return {
    data: data.asReadonly(),
    loading: loading.asReadonly(),
    error: error.asReadonly(),
    reload: () => reloads.update((count) => count + 1),
  };
}

/** Apollo reports errors as values and emits partial results first; keep what a page can show. */
function completeData<TData>() {
  return (source: Observable<ObservableQuery.Result<TData>>) =>
    source.pipe(
      filter((result) => result.error !== undefined || result.dataState === 'complete'),
      map((result) =>
        result.error !== undefined ? { error: result.error as unknown } : { data: result.data as TData },
      ),
      catchError((error: unknown) => of({ error })),
    );
}
