import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, LOCALE_ID, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import {
  BillableMetricsGQL,
  CreatePlanDraftGQL,
  dataOf,
  liveQuery,
  PermissionsService,
  PlanGQL,
  SetDefaultPlanGQL,
  userMessage,
} from '@warbler/console/data-access';
import { confirmAction, ErrorState, LoadingState, Notifier, PageHeader } from '@warbler/console/ui';
import { firstValueFrom } from 'rxjs';
import { DraftEditor } from './draft-editor';
import { formatMinor } from './money';

/** One plan: its versions, and the draft of the next one. */
@Component({
  selector: 'wb-plan-page',
  imports: [
    DatePipe,
    MatButton,
    MatCardModule,
    MatIcon,
    MatTableModule,
    RouterLink,
    PageHeader,
    ErrorState,
    LoadingState,
    DraftEditor,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './plan-page.html',
  styleUrl: './catalog-table.scss',
})
export class PlanPage {
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly permissions = inject(PermissionsService);
  private readonly planQuery = inject(PlanGQL);
  private readonly metricsQuery = inject(BillableMetricsGQL);
  private readonly createDraftMutation = inject(CreatePlanDraftGQL);
  private readonly setDefaultMutation = inject(SetDefaultPlanGQL);
  private readonly locale = inject(LOCALE_ID);

  /** The route's `:id`, bound by the router. */
  readonly id = input.required<string>();

  protected readonly plan = liveQuery(
    () => this.planQuery.watch({ variables: { id: this.id() } }).valueChanges,
    (data) => data.plan,
    { enabled: () => this.permissions.can('read', 'Catalog') },
  );
  protected readonly metrics = liveQuery(
    () => this.metricsQuery.watch({ variables: { includeArchived: true } }).valueChanges,
    (data) => data.billableMetrics,
    { enabled: () => this.permissions.can('read', 'Catalog') },
  );
  protected readonly canUpdate = computed(() => this.permissions.can('update', 'Catalog'));
  protected readonly canPublish = computed(() => this.permissions.can('publish', 'Catalog'));
  protected readonly versions = computed(() =>
    [...(this.plan.data()?.versions ?? [])].sort((a, b) => b.version - a.version),
  );
  protected readonly busy = signal(false);
  protected readonly columns = ['version', 'status', 'price', 'seats', 'usage', 'published', 'subscribers'];
  protected readonly message = userMessage;

  protected fee(minor: string, currency: string): string {
    return formatMinor(minor, currency, this.locale);
  }

  async newDraft(): Promise<void> {
    this.busy.set(true);
    try {
      const { createPlanDraft } = await dataOf(this.createDraftMutation.mutate({ variables: { planId: this.id() } }));
      this.notifier.success(`Draft v${createPlanDraft.version} created`);
      this.plan.reload();
    } catch (error) {
      this.notifier.error(userMessage(error));
    } finally {
      this.busy.set(false);
    }
  }

  async makeDefault(): Promise<void> {
    const plan = this.plan.data();
    if (!plan) return;
    const confirmed = await firstValueFrom(
      confirmAction(this.dialog, {
        title: `Make ${plan.name} the default plan?`,
        message: 'New tenants start on its latest published version. Existing tenants keep their plan.',
        confirmLabel: 'Make default',
      }),
    );
    if (!confirmed) return;
    try {
      await dataOf(this.setDefaultMutation.mutate({ variables: { id: plan.id } }));
      this.notifier.success(`${plan.name} is now the default plan`);
      this.plan.reload();
    } catch (error) {
      this.notifier.error(userMessage(error));
    }
  }
}
