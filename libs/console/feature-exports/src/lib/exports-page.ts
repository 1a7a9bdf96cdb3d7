import { DatePipe, DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, LOCALE_ID, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import {
  BillableMetricsGQL,
  CreateExportJobGQL,
  dataOf,
  type ExportJobFieldsFragment,
  ExportJobGQL,
  ExportJobsGQL,
  liveQuery,
  PermissionsService,
  userMessage,
} from '@warbler/console/data-access';
import { newIdempotencyKey } from '@warbler/console/feature-billing';
import { EmptyState, ErrorState, LoadingState, Notifier, PageHeader } from '@warbler/console/ui';
import { ExportFiles } from './export-files';
import { type ExportForm, exportRequestOf, formatBytes } from './export-request';

const POLL_MS = 1_000;

const isoDay = (at: Date) => at.toISOString().slice(0, 10);

/** Finance's exports: usage or invoices of any tenants, written in the background, downloaded later. */
@Component({
  selector: 'wb-exports-page',
  imports: [
    DatePipe,
    DecimalPipe,
    FormsModule,
    MatButton,
    MatButtonToggleModule,
    MatCheckbox,
    MatFormFieldModule,
    MatIcon,
    MatInput,
    MatProgressBar,
    MatSelectModule,
    MatTableModule,
    PageHeader,
    EmptyState,
    ErrorState,
    LoadingState,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './exports-page.html',
  styleUrl: './exports-page.scss',
})
export class ExportsPage {
  private readonly permissions = inject(PermissionsService);
  private readonly createMutation = inject(CreateExportJobGQL);
  private readonly jobQuery = inject(ExportJobGQL);
  private readonly jobsQuery = inject(ExportJobsGQL);
  private readonly metricsQuery = inject(BillableMetricsGQL);
  private readonly files = inject(ExportFiles);
  private readonly notifier = inject(Notifier);
  private readonly locale = inject(LOCALE_ID);

  protected readonly canCreate = computed(() => this.permissions.can('create', 'Export'));
  protected readonly jobs = liveQuery(
    () => this.jobsQuery.watch({ variables: { first: 50 }, fetchPolicy: 'network-only' }).valueChanges,
    (data) => data.exportJobs,
  );
  protected readonly metrics = liveQuery(
    () => this.metricsQuery.watch({ variables: { includeArchived: true } }).valueChanges,
    (data) => data.billableMetrics,
    { enabled: () => this.permissions.can('read', 'Catalog') },
  );
  protected readonly form = signal<ExportForm>({
    kind: 'USAGE',
    format: 'CSV',
    period: 'RANGE',
    fromDate: isoDay(new Date(Date.now() - 30 * 86_400_000)),
    toDate: isoDay(new Date()),
    periodStart: '',
    allTenants: true,
    tenantIds: '',
    metrics: [],
    granularity: 'DAY',
    includeDrafts: false,
  });
  protected readonly problem = signal<string | null>(null);
  protected readonly submitting = signal(false);
  /** The job started from this page, followed until it ends. */
  protected readonly current = signal<ExportJobFieldsFragment | null>(null);
  protected readonly downloading = signal<string | null>(null);
  protected readonly columns = ['createdAt', 'kind', 'status', 'rows', 'size', 'expiresAt', 'actions'];
  protected readonly message = userMessage;
  private idempotencyKey = newIdempotencyKey();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.stopPolling());
  }

  protected update<K extends keyof ExportForm>(field: K, value: ExportForm[K]): void {
    this.form.update((form) => ({ ...form, [field]: value }));
    this.problem.set(null);
    // A changed form is a new export; resubmitting the same form retries the same one.
    this.idempotencyKey = newIdempotencyKey();
  }

  protected async start(): Promise<void> {
    const outcome = exportRequestOf(this.form());
    if ('problem' in outcome) {
      this.problem.set(outcome.problem);
      return;
    }
    this.submitting.set(true);
    try {
      const { createExportJob } = await dataOf(
        this.createMutation.mutate({ variables: { input: { ...outcome.input, idempotencyKey: this.idempotencyKey } } }),
      );
      this.idempotencyKey = newIdempotencyKey();
      this.current.set(createExportJob);
      this.jobs.reload();
      this.follow(createExportJob.id);
    } catch (error) {
      this.problem.set(userMessage(error));
    } finally {
      this.submitting.set(false);
    }
  }

  protected async download(job: ExportJobFieldsFragment): Promise<void> {
    this.downloading.set(job.id);
    try {
      this.notifier.success(`Downloaded ${await this.files.download(job)}`);
    } catch (error) {
      this.notifier.error(userMessage(error));
    } finally {
      this.downloading.set(null);
    }
  }

  protected running(job: ExportJobFieldsFragment | null): boolean {
    return job?.status === 'QUEUED' || job?.status === 'RUNNING';
  }

  protected size(bytes: string): string {
    return formatBytes(Number(bytes), this.locale);
  }

  protected describe(job: ExportJobFieldsFragment): string {
    const filter = (job.filter ?? {}) as Record<string, unknown>;
    const what = job.kind === 'USAGE' ? `Usage per ${String(filter['granularity']).toLowerCase()}` : 'Invoices';
    const tenants = Array.isArray(filter['tenantIds'])
      ? `${filter['tenantIds'].length} tenant${filter['tenantIds'].length === 1 ? '' : 's'}`
      : 'every tenant';
    return `${what}, ${tenants}, ${job.format === 'CSV' ? 'CSV' : 'JSON lines'}`;
  }

  private follow(id: string): void {
    this.stopPolling();
    this.timer = setTimeout(async () => {
      try {
        const { exportJob } = await dataOf(this.jobQuery.fetch({ variables: { id }, fetchPolicy: 'network-only' }));
        this.current.set(exportJob);
        if (this.running(exportJob)) {
          this.follow(id);
          return;
        }
        this.jobs.reload();
        if (exportJob.status === 'SUCCEEDED') this.notifier.success('The export is ready to download');
        else this.notifier.error(`The export failed: ${exportJob.error ?? 'no reason given'}`);
      } catch (error) {
        this.notifier.error(userMessage(error));
      }
    }, POLL_MS);
  }

  private stopPolling(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
