import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, LOCALE_ID } from '@angular/core';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatTableModule } from '@angular/material/table';
import { MatTooltip } from '@angular/material/tooltip';
import {
  type ApiKeyFieldsFragment,
  type ApiKeyScope,
  type ApiKeyStatus,
  ApiKeysGQL,
  dataOf,
  liveQuery,
  PermissionsService,
  RevokeApiKeyGQL,
  userMessage,
} from '@warbler/console/data-access';
import { confirmAction, EmptyState, ErrorState, LoadingState, Notifier, PageHeader } from '@warbler/console/ui';
import { firstValueFrom } from 'rxjs';
import { maskedKey, relativeTime, SCOPE_LABELS, STATUS_LABELS } from './api-key-labels';
import { openCreateApiKeyDialog } from './create-api-key-dialog';
import { openRenameApiKeyDialog } from './rename-api-key-dialog';
import { UsageSnippet } from './usage-snippet';

/** The tenant's API keys, with which its software sends usage and reads quotas. */
@Component({
  selector: 'wb-api-keys-page',
  imports: [
    DatePipe,
    MatButton,
    MatIconButton,
    MatIcon,
    MatMenuModule,
    MatTableModule,
    MatTooltip,
    PageHeader,
    EmptyState,
    ErrorState,
    LoadingState,
    UsageSnippet,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './api-keys-page.html',
  styleUrl: './api-keys-page.scss',
})
export class ApiKeysPage {
  private readonly dialog = inject(MatDialog);
  private readonly permissions = inject(PermissionsService);
  private readonly notifier = inject(Notifier);
  private readonly revokeMutation = inject(RevokeApiKeyGQL);
  private readonly locale = inject(LOCALE_ID);
  private readonly keysQuery = inject(ApiKeysGQL);

  protected readonly keys = liveQuery(
    () => this.keysQuery.watch().valueChanges,
    (data) => data.apiKeys,
    { enabled: () => this.permissions.can('read', 'ApiKey') },
  );
  protected readonly canCreate = computed(() => this.permissions.can('create', 'ApiKey'));
  protected readonly canUpdate = computed(() => this.permissions.can('update', 'ApiKey'));
  protected readonly canRevoke = computed(() => this.permissions.can('delete', 'ApiKey'));
  protected readonly columns = ['name', 'prefix', 'scopes', 'status', 'created', 'lastUsed', 'expires', 'actions'];
  protected readonly masked = maskedKey;
  protected readonly message = userMessage;

  protected scopeLabel(scope: ApiKeyScope): string {
    return SCOPE_LABELS[scope];
  }

  protected statusLabel(status: ApiKeyStatus): string {
    return STATUS_LABELS[status];
  }

  protected lastUsed(key: ApiKeyFieldsFragment & { lastUsedAt: string }): string {
    return relativeTime(key.lastUsedAt, new Date(), this.locale);
  }

  create(): void {
    openCreateApiKeyDialog(this.dialog).subscribe((created) => {
      if (!created) return;
      this.keys.reload();
      this.notifier.success(`API key ${created.name} created`);
    });
  }

  rename(key: ApiKeyFieldsFragment): void {
    openRenameApiKeyDialog(this.dialog, key).subscribe((renamed) => {
      if (renamed) this.notifier.success('API key renamed');
    });
  }

  async revoke(key: ApiKeyFieldsFragment): Promise<void> {
    const confirmed = await firstValueFrom(
      confirmAction(this.dialog, {
        title: `Revoke ${key.name}?`,
        message: `Requests with ${maskedKey(key.prefix)} are refused from now on. This cannot be undone; software using it needs a new key.`,
        confirmLabel: 'Revoke key',
        destructive: true,
      }),
    );
    if (!confirmed) return;
    try {
      await dataOf(this.revokeMutation.mutate({ variables: { id: key.id } }));
      this.notifier.success(`${key.name} was revoked`);
    } catch (error) {
      this.notifier.error(userMessage(error));
    }
  }
}
