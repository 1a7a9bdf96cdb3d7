import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import {
  AuditExportService,
  dataOf,
  PermissionsService,
  userMessage,
  VerifyAuditChainGQL,
  type VerifyAuditChainQuery,
} from '@warbler/console/data-access';
import { EmptyState, ErrorState, LoadingState, Notifier, PageHeader } from '@warbler/console/ui';
import { firstValueFrom } from 'rxjs';
import { AuditChanges } from './audit-changes';
import { AuditFilters } from './audit-filters';
import { type AuditEvent, AuditLogStore } from './audit-log.store';
import { ChainVerification } from './chain-verification';

@Component({
  selector: 'wb-audit-page',
  imports: [
    DatePipe,
    MatButton,
    MatIconButton,
    MatIcon,
    MatProgressBar,
    MatTableModule,
    PageHeader,
    EmptyState,
    ErrorState,
    LoadingState,
    AuditChanges,
    AuditFilters,
    ChainVerification,
  ],
  providers: [AuditLogStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './audit-page.html',
  styleUrl: './audit-page.scss',
})
export class AuditPage {
  private readonly permissions = inject(PermissionsService);
  private readonly verifyQuery = inject(VerifyAuditChainGQL);
  private readonly exporter = inject(AuditExportService);
  private readonly notifier = inject(Notifier);
  protected readonly log = inject(AuditLogStore);

  protected readonly columns = ['expand', 'occurredAt', 'actor', 'action', 'target'];
  protected readonly expanded = signal<string | null>(null);
  protected readonly verification = signal<VerifyAuditChainQuery['verifyAuditChain'] | null>(null);
  protected readonly verifying = signal(false);
  protected readonly exporting = signal(false);
  protected readonly canVerify = computed(() => this.permissions.can('verify', 'AuditLog'));
  protected readonly canExport = computed(() => this.permissions.can('export', 'AuditLog'));
  protected readonly knownActions = computed(() => distinct(this.log.events().map((event) => event.action)));
  protected readonly knownTargetTypes = computed(() => distinct(this.log.events().map((event) => event.targetType)));
  protected readonly message = userMessage;

  toggle(event: AuditEvent): void {
    this.expanded.update((id) => (id === event.id ? null : event.id));
  }

  async loadMore(): Promise<void> {
    const error = await this.log.loadMore();
    if (error) this.notifier.error(userMessage(error));
  }

  async verify(): Promise<void> {
    this.verifying.set(true);
    try {
      this.verification.set((await dataOf(this.verifyQuery.fetch())).verifyAuditChain);
    } catch (error) {
      this.notifier.error(userMessage(error));
    } finally {
      this.verifying.set(false);
    }
  }

  async export(): Promise<void> {
    this.exporting.set(true);
    try {
      const file = await firstValueFrom(this.exporter.download());
      const url = URL.createObjectURL(file.blob);
      Object.assign(document.createElement('a'), {
        href: url,
        download: file.filename,
      }).click();
      URL.revokeObjectURL(url);
      this.notifier.success(`Downloaded ${file.filename}`);
    } catch (error) {
      this.notifier.error(userMessage(error));
    } finally {
      this.exporting.set(false);
    }
  }
}

function distinct(values: string[]): string[] {
  return [...new Set(values)].sort();
}
