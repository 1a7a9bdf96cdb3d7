import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatSlideToggle } from '@angular/material/slide-toggle';
import { MatTableModule } from '@angular/material/table';
import { MatTooltip } from '@angular/material/tooltip';
import {
  ArchiveBillableMetricGQL,
  type BillableMetricFieldsFragment,
  BillableMetricsGQL,
  dataOf,
  liveQuery,
  PermissionsService,
  userMessage,
} from '@warbler/console/data-access';
import { confirmAction, EmptyState, ErrorState, LoadingState, Notifier, PageHeader } from '@warbler/console/ui';
import { firstValueFrom } from 'rxjs';
import { AGGREGATIONS, openMetricDialog } from './metric-dialog';

/** The platform's billable metrics: what usage is measured in and plans charge for. */
@Component({
  selector: 'wb-metrics-page',
  imports: [
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
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <wb-page-header title="Billable metrics" subtitle="What tenants' usage is measured in; plans charge for these">
      <mat-slide-toggle [checked]="includeArchived()" (change)="includeArchived.set($event.checked)">
        Show archived
      </mat-slide-toggle>
      @if (canCreate()) {
        <button mat-flat-button type="button" (click)="create()">
          <mat-icon>add</mat-icon>
          New metric
        </button>
      }
    </wb-page-header>
    <section class="table-card">
      @if (metrics.error(); as error) {
        <wb-error-state title="Metrics could not be loaded" [message]="message(error)" (retry)="metrics.reload()" />
      } @else if (metrics.data()) {
        @let list = shown();
        @if (list.length === 0) {
          <wb-empty-state
            icon="straighten"
            title="No metrics yet"
            message="Create the first metric plans can charge for."
          />
        } @else {
          <div class="table-scroll">
            <table mat-table [dataSource]="list" aria-label="Billable metrics">
              <ng-container matColumnDef="name">
                <th mat-header-cell *matHeaderCellDef>Metric</th>
                <td mat-cell *matCellDef="let metric">
                  <div class="name">{{ metric.name }}</div>
                  @if (metric.description) {
                    <div class="muted">{{ metric.description }}</div>
                  }
                </td>
              </ng-container>
              <ng-container matColumnDef="code">
                <th mat-header-cell *matHeaderCellDef>Code</th>
                <td mat-cell *matCellDef="let metric">
                  <code>{{ metric.code }}</code>
                </td>
              </ng-container>
              <ng-container matColumnDef="unit">
                <th mat-header-cell *matHeaderCellDef>Unit</th>
                <td mat-cell *matCellDef="let metric">{{ metric.unit }}</td>
              </ng-container>
              <ng-container matColumnDef="aggregation">
                <th mat-header-cell *matHeaderCellDef>Aggregation</th>
                <td mat-cell *matCellDef="let metric">
                  {{ aggregationLabel(metric.aggregation) }}
                  @if (metric.property) {
                    <span class="muted"
                      >of <code>{{ metric.property }}</code></span
                    >
                  }
                </td>
              </ng-container>
              <ng-container matColumnDef="actions">
                <th mat-header-cell *matHeaderCellDef><span class="cdk-visually-hidden">Actions</span></th>
                <td mat-cell *matCellDef="let metric" class="actions">
                  @if (metric.archivedAt) {
                    <span class="chip">Archived</span>
                  } @else if (canUpdate()) {
                    <button
                      mat-icon-button
                      type="button"
                      matTooltip="Archive"
                      [attr.aria-label]="'Archive ' + metric.name"
                      (click)="archive(metric)"
                    >
                      <mat-icon>archive</mat-icon>
                    </button>
                  }
                </td>
              </ng-container>
              <tr mat-header-row *matHeaderRowDef="columns"></tr>
              <tr mat-row *matRowDef="let metric; columns: columns" [class.archived]="metric.archivedAt"></tr>
            </table>
          </div>
        }
      } @else {
        <wb-loading-state [rows]="4" label="Loading metrics" />
      }
    </section>
  `,
  styleUrl: './catalog-table.scss',
})
export class MetricsPage {
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly permissions = inject(PermissionsService);
  private readonly metricsQuery = inject(BillableMetricsGQL);
  private readonly archiveMutation = inject(ArchiveBillableMetricGQL);

  protected readonly includeArchived = signal(false);
  protected readonly metrics = liveQuery(
    () => this.metricsQuery.watch({ variables: { includeArchived: true } }).valueChanges,
    (data) => data.billableMetrics,
    { enabled: () => this.permissions.can('read', 'Catalog') },
  );
  protected readonly shown = computed(() =>
    (this.metrics.data() ?? []).filter((metric) => this.includeArchived() || !metric.archivedAt),
  );
  protected readonly canCreate = computed(() => this.permissions.can('create', 'Catalog'));
  protected readonly canUpdate = computed(() => this.permissions.can('update', 'Catalog'));
  protected readonly columns = ['name', 'code', 'unit', 'aggregation', 'actions'];
  protected readonly message = userMessage;

  protected aggregationLabel(value: string): string {
    return AGGREGATIONS.find((aggregation) => aggregation.value === value)?.label ?? value;
  }

  create(): void {
    openMetricDialog(this.dialog).subscribe((created) => {
      if (!created) return;
      this.metrics.reload();
      this.notifier.success('Metric created');
    });
  }

  async archive(metric: BillableMetricFieldsFragment): Promise<void> {
    const confirmed = await firstValueFrom(
      confirmAction(this.dialog, {
        title: `Archive ${metric.name}?`,
        message: 'New plan versions can no longer charge for it. Published versions keep charging as they do.',
        confirmLabel: 'Archive',
        destructive: true,
      }),
    );
    if (!confirmed) return;
    try {
      await dataOf(this.archiveMutation.mutate({ variables: { id: metric.id } }));
      this.notifier.success(`${metric.name} archived`);
    } catch (error) {
      this.notifier.error(userMessage(error));
    }
  }
}
