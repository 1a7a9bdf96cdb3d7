import { ChangeDetectionStrategy, Component, computed, inject, LOCALE_ID } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatTableModule } from '@angular/material/table';
import { Router, RouterLink } from '@angular/router';
import { liveQuery, PermissionsService, PlansGQL, type PlansQuery, userMessage } from '@warbler/console/data-access';
import { EmptyState, ErrorState, LoadingState, Notifier, PageHeader } from '@warbler/console/ui';
import { formatMinor } from './money';
import { openPlanDialog } from './plan-dialog';

type PlanRow = PlansQuery['plans'][number];

/** The platform's plans, with the version new subscriptions get and who is on them. */
@Component({
  selector: 'wb-plans-page',
  imports: [MatButton, MatIcon, MatTableModule, RouterLink, PageHeader, EmptyState, ErrorState, LoadingState],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <wb-page-header title="Plans" subtitle="What tenants subscribe to; published versions are never changed">
      @if (canCreate()) {
        <button mat-flat-button type="button" (click)="create()">
          <mat-icon>add</mat-icon>
          New plan
        </button>
      }
    </wb-page-header>
    <section class="table-card">
      @if (plans.error(); as error) {
        <wb-error-state title="Plans could not be loaded" [message]="message(error)" (retry)="plans.reload()" />
      } @else if (plans.data(); as list) {
        @if (list.length === 0) {
          <wb-empty-state
            icon="sell"
            title="No plans yet"
            message="Create a plan, price its first version and publish it."
          />
        } @else {
          <div class="table-scroll">
            <table mat-table [dataSource]="list" aria-label="Plans">
              <ng-container matColumnDef="name">
                <th mat-header-cell *matHeaderCellDef>Plan</th>
                <td mat-cell *matCellDef="let plan">
                  <a class="name" [routerLink]="['/catalog/plans', plan.id]">{{ plan.name }}</a>
                  @if (plan.isDefault) {
                    <span class="chip primary">Default</span>
                  }
                  @if (plan.archivedAt) {
                    <span class="chip">Archived</span>
                  }
                </td>
              </ng-container>
              <ng-container matColumnDef="code">
                <th mat-header-cell *matHeaderCellDef>Code</th>
                <td mat-cell *matCellDef="let plan">
                  <code>{{ plan.code }}</code>
                </td>
              </ng-container>
              <ng-container matColumnDef="latest">
                <th mat-header-cell *matHeaderCellDef>Latest version</th>
                <td mat-cell *matCellDef="let plan">
                  @if (plan.latestPublished; as latest) {
                    v{{ latest.version }}
                    <span class="muted"
                      >{{ fee(latest.baseFeeMinor, latest.currency) }} /
                      {{ latest.interval === 'YEAR' ? 'year' : 'month' }}</span
                    >
                  } @else {
                    <span class="muted">Not published</span>
                  }
                  @if (plan.draft; as draft) {
                    <span class="chip draft">Draft v{{ draft.version }}</span>
                  }
                </td>
              </ng-container>
              <ng-container matColumnDef="subscribers">
                <th mat-header-cell *matHeaderCellDef class="number">Subscribers</th>
                <td mat-cell *matCellDef="let plan" class="number">{{ subscribers(plan) }}</td>
              </ng-container>
              <tr mat-header-row *matHeaderRowDef="columns"></tr>
              <tr mat-row *matRowDef="let plan; columns: columns" class="link" (click)="open(plan)"></tr>
            </table>
          </div>
        }
      } @else {
        <wb-loading-state [rows]="4" label="Loading plans" />
      }
    </section>
  `,
  styles: `
    .name {
      margin-right: 8px;
      color: inherit;
      font-weight: 500;
    }
  `,
  styleUrl: './catalog-table.scss',
})
export class PlansPage {
  private readonly dialog = inject(MatDialog);
  private readonly router = inject(Router);
  private readonly notifier = inject(Notifier);
  private readonly permissions = inject(PermissionsService);
  private readonly plansQuery = inject(PlansGQL);
  private readonly locale = inject(LOCALE_ID);

  protected readonly plans = liveQuery(
    () => this.plansQuery.watch({ variables: { includeArchived: true } }).valueChanges,
    (data) => data.plans,
    { enabled: () => this.permissions.can('read', 'Catalog') },
  );
  protected readonly canCreate = computed(() => this.permissions.can('create', 'Catalog'));
  protected readonly columns = ['name', 'code', 'latest', 'subscribers'];
  protected readonly message = userMessage;

  protected fee(minor: string, currency: string): string {
    return formatMinor(minor, currency, this.locale);
  }

  protected subscribers(plan: PlanRow): number {
    return plan.versions.reduce((total, version) => total + version.subscriberCount, 0);
  }

  protected open(plan: PlanRow): void {
    void this.router.navigate(['/catalog/plans', plan.id]);
  }

  create(): void {
    openPlanDialog(this.dialog).subscribe((id) => {
      if (!id) return;
      this.notifier.success('Plan created');
      void this.router.navigate(['/catalog/plans', id]);
    });
  }
}
