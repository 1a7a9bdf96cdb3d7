import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { MatTooltip } from '@angular/material/tooltip';
import {
  dataOf,
  DeleteWebhookEndpointGQL,
  liveQuery,
  PermissionsService,
  SendTestWebhookGQL,
  UpdateWebhookEndpointGQL,
  userMessage,
  type WebhookDeliveryFieldsFragment,
  type WebhookDeliveryStatus,
  type WebhookEndpointFieldsFragment,
  WebhookEndpointsGQL,
} from '@warbler/console/data-access';
import {
  confirmAction,
  EmptyState,
  ErrorState,
  LoadingState,
  Notifier,
  PageHeader,
  StatusChip,
} from '@warbler/console/ui';
import { firstValueFrom } from 'rxjs';
import { openDeliveryDialog } from './delivery-dialog';
import { openEndpointDialog } from './endpoint-dialog';
import { openRotateSecretDialog } from './rotate-secret-dialog';
import { WebhookDeliveriesStore } from './webhook-deliveries.store';
import { attemptSummary, DELIVERY_STATUS, EVENT_TYPES, eventLabel } from './webhook-labels';

/** The tenant's webhook endpoints and what was delivered to them. */
@Component({
  selector: 'wb-webhooks-page',
  imports: [
    DatePipe,
    MatButton,
    MatIconButton,
    MatButtonToggleModule,
    MatFormFieldModule,
    MatIcon,
    MatMenuModule,
    MatSelectModule,
    MatTableModule,
    MatTooltip,
    PageHeader,
    EmptyState,
    ErrorState,
    LoadingState,
    StatusChip,
  ],
  providers: [WebhookDeliveriesStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './webhooks-page.html',
  styleUrl: './webhooks-page.scss',
})
export class WebhooksPage {
  private readonly dialog = inject(MatDialog);
  private readonly permissions = inject(PermissionsService);
  private readonly notifier = inject(Notifier);
  private readonly endpointsQuery = inject(WebhookEndpointsGQL);
  private readonly updateMutation = inject(UpdateWebhookEndpointGQL);
  private readonly deleteMutation = inject(DeleteWebhookEndpointGQL);
  private readonly sendTestMutation = inject(SendTestWebhookGQL);
  protected readonly deliveries = inject(WebhookDeliveriesStore);

  protected readonly endpoints = liveQuery(
    () => this.endpointsQuery.watch().valueChanges,
    (data) => data.webhookEndpoints,
    { enabled: () => this.permissions.can('read', 'Webhook') },
  );
  protected readonly canCreate = computed(() => this.permissions.can('create', 'Webhook'));
  protected readonly canUpdate = computed(() => this.permissions.can('update', 'Webhook'));
  protected readonly canDelete = computed(() => this.permissions.can('delete', 'Webhook'));
  protected readonly endpointColumns = ['endpoint', 'events', 'status', 'secret', 'actions'];
  protected readonly deliveryColumns = ['event', 'endpoint', 'status', 'attempts', 'lastAttempt', 'created', 'open'];
  protected readonly statuses: (WebhookDeliveryStatus | 'ALL')[] = ['ALL', 'PENDING', 'SUCCEEDED', 'FAILED'];
  protected readonly label = eventLabel;
  protected readonly summary = attemptSummary;
  protected readonly message = userMessage;
  protected readonly allEventCount = EVENT_TYPES.length;

  protected eventNames(endpoint: WebhookEndpointFieldsFragment): string {
    return EVENT_TYPES.filter((type) => endpoint.eventTypes.includes(type.value))
      .map((type) => type.label)
      .join(', ');
  }

  protected statusOf(delivery: WebhookDeliveryFieldsFragment) {
    return DELIVERY_STATUS[delivery.status];
  }

  protected statusLabel(status: WebhookDeliveryStatus | 'ALL'): string {
    return status === 'ALL' ? 'All' : DELIVERY_STATUS[status].label;
  }

  protected filterStatus(status: WebhookDeliveryStatus | 'ALL'): void {
    this.deliveries.filter.update((filter) => ({ ...filter, status: status === 'ALL' ? null : status }));
  }

  protected filterEndpoint(endpointId: string | null): void {
    this.deliveries.filter.update((filter) => ({ ...filter, endpointId }));
  }

  create(): void {
    openEndpointDialog(this.dialog).subscribe((created) => {
      if (!created) return;
      this.endpoints.reload();
      this.notifier.success(`Endpoint ${created.url} added`);
    });
  }

  edit(endpoint: WebhookEndpointFieldsFragment): void {
    openEndpointDialog(this.dialog, endpoint).subscribe((saved) => {
      if (saved) this.notifier.success('Endpoint saved');
    });
  }

  rotate(endpoint: WebhookEndpointFieldsFragment): void {
    openRotateSecretDialog(this.dialog, endpoint).subscribe((rotated) => {
      if (!rotated) return;
      this.endpoints.reload();
      this.notifier.success('Signing secret rotated');
    });
  }

  async setEnabled(endpoint: WebhookEndpointFieldsFragment, enabled: boolean): Promise<void> {
    try {
      await dataOf(this.updateMutation.mutate({ variables: { id: endpoint.id, input: { enabled } } }));
      this.notifier.success(enabled ? 'Endpoint enabled' : 'Endpoint disabled: it gets no new events');
    } catch (error) {
      this.notifier.error(userMessage(error));
    }
  }

  async sendTest(endpoint: WebhookEndpointFieldsFragment): Promise<void> {
    try {
      await dataOf(this.sendTestMutation.mutate({ variables: { id: endpoint.id } }));
      this.notifier.success('Test event queued: its delivery shows below');
      this.deliveries.reload();
    } catch (error) {
      this.notifier.error(userMessage(error));
    }
  }

  async remove(endpoint: WebhookEndpointFieldsFragment): Promise<void> {
    const confirmed = await firstValueFrom(
      confirmAction(this.dialog, {
        title: 'Delete this endpoint?',
        message: `${endpoint.url} gets no more events, and its deliveries and their attempts are deleted with it. This cannot be undone.`,
        confirmLabel: 'Delete endpoint',
        destructive: true,
      }),
    );
    if (!confirmed) return;
    try {
      await dataOf(this.deleteMutation.mutate({ variables: { id: endpoint.id } }));
      this.endpoints.reload();
      if (this.deliveries.filter().endpointId === endpoint.id) this.filterEndpoint(null);
      else this.deliveries.reload();
      this.notifier.success('Endpoint deleted');
    } catch (error) {
      this.notifier.error(userMessage(error));
    }
  }

  open(delivery: WebhookDeliveryFieldsFragment): void {
    openDeliveryDialog(this.dialog, { delivery, canRedeliver: this.canUpdate() }).subscribe((redelivered) => {
      if (!redelivered) return;
      this.notifier.success('Another attempt is on its way');
      this.deliveries.reload();
    });
  }

  async loadMore(): Promise<void> {
    const error = await this.deliveries.loadMore();
    if (error) this.notifier.error(userMessage(error));
  }
}
