import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatChipsModule } from '@angular/material/chips';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import {
  liveQuery,
  OperatorPlansGQL,
  PermissionsService,
  type TenantStatus,
  userMessage,
} from '@warbler/console/data-access';
import { EmptyState, ErrorState, LoadingState, Notifier, PageHeader } from '@warbler/console/ui';
import { debounceTime, distinctUntilChanged } from 'rxjs';
import { OperatorTenantsStore } from './operator-tenants.store';
import { TenantStatusChip } from './tenant-status-chip';

const SEARCH_DELAY_MS = 300;

/** Every tenant for staff: searched by name, slug, owner e-mail or Stripe customer, and filtered. */
@Component({
  selector: 'wb-tenants-page',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    RouterLink,
    MatButton,
    MatChipsModule,
    MatFormFieldModule,
    MatIcon,
    MatInput,
    MatSelectModule,
    MatTableModule,
    PageHeader,
    EmptyState,
    ErrorState,
    LoadingState,
    TenantStatusChip,
  ],
  providers: [OperatorTenantsStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './tenants-page.html',
  styleUrl: './operator-pages.scss',
})
export class TenantsPage {
  private readonly notifier = inject(Notifier);
  private readonly permissions = inject(PermissionsService);
  private readonly plansQuery = inject(OperatorPlansGQL);
  protected readonly store = inject(OperatorTenantsStore);

  protected readonly search = new FormControl('', { nonNullable: true });
  protected readonly plans = liveQuery(
    () => this.plansQuery.watch().valueChanges,
    (data) => [...data.plans].sort((a, b) => a.name.localeCompare(b.name)),
    { enabled: () => this.permissions.can('read', 'Catalog') },
  );
  protected readonly columns = ['name', 'owner', 'plan', 'status', 'seats', 'flags', 'created'];
  protected readonly message = userMessage;

  constructor() {
    this.search.valueChanges
      .pipe(debounceTime(SEARCH_DELAY_MS), distinctUntilChanged(), takeUntilDestroyed())
      .subscribe((search) => this.store.filter.update((filter) => ({ ...filter, search })));
  }

  protected searchNow(): void {
    this.store.filter.update((filter) => ({ ...filter, search: this.search.value }));
  }

  protected filterPlan(planId: string | null): void {
    this.store.filter.update((filter) => ({ ...filter, planId }));
  }

  protected filterStatus(status: TenantStatus | null): void {
    this.store.filter.update((filter) => ({ ...filter, status }));
  }

  protected toggle(flag: 'pastDue' | 'overQuota', on: boolean): void {
    this.store.filter.update((filter) => ({ ...filter, [flag]: on }));
  }

  protected async loadMore(): Promise<void> {
    const error = await this.store.pages.loadMore();
    if (error) this.notifier.error(userMessage(error));
  }
}
