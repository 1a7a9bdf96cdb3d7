import { Inject, Injectable } from '@nestjs/common';
import { AuditLog, type AuditState } from '@warbler/api/audit';
import {
  APP_CONFIG,
  type AppConfig,
  Database,
  type TenantActor,
  type TenantTx,
  type WebhookEndpointModel as StoredEndpoint,
} from '@warbler/api/core';
import { randomUUID } from 'node:crypto';
import { WebhookDispatcher } from '../delivery/webhook-dispatcher';
import { readDelivery, type DeliveryRecord } from '../deliveries/delivery-records';
import { PUBLISH_EVENT_SQL, publishParameters } from '../events/publish-statement';
import { TEST_EVENT_TYPE } from '../events/webhook-event-types';
import { checkEndpointUrl } from './endpoint-url';
import { newWebhookSecret, WebhookSecretBox } from './webhook-secret-box';
import {
  endpointDisabled,
  endpointLimitReached,
  endpointNotFound,
  MAX_WEBHOOK_ENDPOINTS,
  ROTATION_OVERLAP_MS,
  WEBHOOK_ENDPOINT_TARGET,
  WebhookAction,
} from './webhook-rules';

export interface NewEndpoint {
  url: string;
  description?: string | null;
  eventTypes: string[];
  enabled?: boolean | null;
}

export type EndpointChanges = Partial<{ [K in keyof NewEndpoint]: NewEndpoint[K] | null }>;

/**
 * Second key of the advisory lock that serialises a tenant's endpoint registrations, so two at once
 * cannot both pass the cap. The first is the tenant.
 */
const ENDPOINT_CAP_LOCK = 0x57484b53;

/** A tenant's webhook endpoints: registered with a secret shown once, then changed, rotated, deleted. */
@Injectable()
export class WebhookEndpoints {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    private readonly box: WebhookSecretBox,
    private readonly dispatcher: WebhookDispatcher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Newest first. */
  list(actor: TenantActor): Promise<StoredEndpoint[]> {
    return this.db
      .forTenant(actor)
      .transaction((tx) => tx.webhookEndpoint.findMany({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] }));
  }

  async create(actor: TenantActor, input: NewEndpoint): Promise<{ endpoint: StoredEndpoint; secret: string }> {
    const url = await checkEndpointUrl(input.url, this.config.webhookAllowPrivateTargets);
    return this.db.forTenant(actor).transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${actor.tenantId}), ${ENDPOINT_CAP_LOCK}::int)`;
      if ((await tx.webhookEndpoint.count()) >= MAX_WEBHOOK_ENDPOINTS) throw endpointLimitReached();
      const id = randomUUID();
      const { secret, hint } = newWebhookSecret();
      const endpoint = await tx.webhookEndpoint.create({
        data: {
          tenantId: actor.tenantId,
          id,
          url,
          description: input.description ?? '',
          eventTypes: input.eventTypes,
          enabled: input.enabled ?? true,
          secretSealed: this.box.seal({ tenantId: actor.tenantId, id }, secret),
          secretHint: hint,
          createdByUserId: actor.userId,
        },
      });
      await this.audit.record(tx, actor, {
        action: WebhookAction.endpointCreated,
        targetType: WEBHOOK_ENDPOINT_TARGET,
        targetId: id,
        after: endpointState(endpoint),
      });
      return { endpoint, secret };
    });
  }

  async update(actor: TenantActor, id: string, changes: EndpointChanges): Promise<StoredEndpoint> {
    const url = changes.url ? await checkEndpointUrl(changes.url, this.config.webhookAllowPrivateTargets) : undefined;
    return this.db.forTenant(actor).transaction(async (tx) => {
      const before = await lockedEndpoint(tx, id);
      const data = {
        ...(url !== undefined && { url }),
        ...(changes.description != null && { description: changes.description }),
        ...(changes.eventTypes != null && { eventTypes: changes.eventTypes }),
        ...(changes.enabled != null && { enabled: changes.enabled }),
      };
      if (sameState(before, { ...before, ...data })) return before;
      const after = await tx.webhookEndpoint.update({ where: keyOf(before), data });
      await this.audit.record(tx, actor, {
        action: WebhookAction.endpointUpdated,
        targetType: WEBHOOK_ENDPOINT_TARGET,
        targetId: id,
        before: endpointState(before),
        after: endpointState(after),
      });
      return after;
    });
  }

  /** Removes the endpoint with its deliveries and their attempts; pending ones are never sent. */
  delete(actor: TenantActor, id: string): Promise<StoredEndpoint> {
    return this.db.forTenant(actor).transaction(async (tx) => {
      const endpoint = await lockedEndpoint(tx, id);
      await tx.webhookEndpoint.delete({ where: keyOf(endpoint) });
      await this.audit.record(tx, actor, {
        action: WebhookAction.endpointDeleted,
        targetType: WEBHOOK_ENDPOINT_TARGET,
        targetId: id,
        before: endpointState(endpoint),
      });
      return endpoint;
    });
  }

  /**
   * A new secret, shown once. The current one keeps signing beside it for 24 hours (both v1 signatures
   * in the header), so the receiver can switch without losing a delivery; `expireCurrentNow` drops it at
   * once, for a secret that leaked. A secret still overlapping from an earlier rotation is dropped.
   */
  rotateSecret(
    actor: TenantActor,
    id: string,
    expireCurrentNow: boolean,
  ): Promise<{ endpoint: StoredEndpoint; secret: string }> {
    return this.db.forTenant(actor).transaction(async (tx) => {
      const before = await lockedEndpoint(tx, id);
      const now = new Date();
      const { secret, hint } = newWebhookSecret();
      const endpoint = await tx.webhookEndpoint.update({
        where: keyOf(before),
        data: {
          secretSealed: this.box.seal(before, secret),
          secretHint: hint,
          previousSecretSealed: expireCurrentNow
            ? null
            : this.box.seal(before, this.box.open(before, before.secretSealed)),
          previousSecretExpiresAt: expireCurrentNow ? null : new Date(now.getTime() + ROTATION_OVERLAP_MS),
          secretRotatedAt: now,
        },
      });
      await this.audit.record(tx, actor, {
        action: WebhookAction.secretRotated,
        targetType: WEBHOOK_ENDPOINT_TARGET,
        targetId: id,
        before: secretState(before),
        after: secretState(endpoint),
      });
      return { endpoint, secret };
    });
  }

  /** Queues a `webhook.test` event for this endpoint alone and asks the worker to send it now. */
  async sendTest(actor: TenantActor, id: string): Promise<DeliveryRecord> {
    const delivery = await this.db.forTenant(actor).transaction(async (tx) => {
      const endpoint = await lockedEndpoint(tx, id);
      if (!endpoint.enabled) throw endpointDisabled();
      const eventId = randomUUID();
      const data = {
        message: 'A test event sent from the Warbler console',
        endpoint_id: endpoint.id,
        sent_by: actor.email,
      };
      await tx.$executeRawUnsafe(
        PUBLISH_EVENT_SQL,
        ...publishParameters(actor.tenantId, TEST_EVENT_TYPE, eventId, data, null, endpoint.id),
      );
      const queued = await tx.webhookDelivery.findFirstOrThrow({ where: { eventId }, select: { id: true } });
      await this.audit.record(tx, actor, {
        action: WebhookAction.testSent,
        targetType: WEBHOOK_ENDPOINT_TARGET,
        targetId: id,
        after: { eventId, deliveryId: queued.id },
      });
      return readDelivery(tx, queued.id);
    });
    this.dispatcher.wake();
    return delivery;
  }
}

/** The endpoint, locked until the transaction ends; other tenants' ids answer NOT_FOUND. */
async function lockedEndpoint(tx: TenantTx, id: string): Promise<StoredEndpoint> {
  const [locked] = await tx.$queryRaw<
    { id: string }[]
  >`SELECT id FROM webhook_endpoints WHERE id = ${id}::uuid FOR UPDATE`;
  if (!locked) throw endpointNotFound();
  return tx.webhookEndpoint.findFirstOrThrow({ where: { id } });
}

const keyOf = (endpoint: { tenantId: string; id: string }) => ({
  tenantId_id: { tenantId: endpoint.tenantId, id: endpoint.id },
});

/** What the audit log keeps of an endpoint: never its secrets. */
function endpointState(endpoint: StoredEndpoint): AuditState {
  return {
    url: endpoint.url,
    description: endpoint.description,
    eventTypes: endpoint.eventTypes,
    enabled: endpoint.enabled,
    secretHint: endpoint.secretHint,
  };
}

function secretState(endpoint: StoredEndpoint): AuditState {
  return { secretHint: endpoint.secretHint, previousSecretExpiresAt: endpoint.previousSecretExpiresAt };
}

function sameState(a: StoredEndpoint, b: StoredEndpoint): boolean {
  return JSON.stringify(endpointState(a)) === JSON.stringify(endpointState(b));
}
