import { Injectable } from '@nestjs/common';
import type { TenantSql, TenantTx } from '@warbler/api/core';
import { randomUUID } from 'node:crypto';
import { PUBLISH_EVENT_SQL, publishParameters } from './publish-statement';
import type { WebhookEventData, WebhookEventType } from './webhook-event-types';

export interface PublishOptions {
  /** At most one event per key and tenant, e.g. `quota:<metric>:<period start>:80`. */
  dedupeKey?: string;
}

/**
 * How every domain raises a webhook event. It only inserts, in the caller's transaction, so the event
 * exists exactly when the change that raised it commits, and the action never waits for (or fails
 * with) a tenant's endpoint: the delivery worker sends it afterwards. A tenant with no endpoint
 * subscribed to the type gets no rows at all.
 */
@Injectable()
export class TenantWebhooks {
  /** `tx` may be a tenant transaction or a platform one (the finance desk). */
  async publish<T extends WebhookEventType>(
    tx: TenantTx,
    tenantId: string,
    type: T,
    data: WebhookEventData[T],
    options: PublishOptions = {},
  ): Promise<void> {
    await tx.$executeRawUnsafe(
      PUBLISH_EVENT_SQL,
      ...publishParameters(tenantId, type, randomUUID(), data, options.dedupeKey ?? null, null),
    );
  }

  /** The same, on the plain-SQL path of usage ingestion, in its tenant's transaction. */
  async publishSql<T extends WebhookEventType>(
    sql: TenantSql,
    type: T,
    data: WebhookEventData[T],
    options: PublishOptions = {},
  ): Promise<void> {
    await sql.query(
      PUBLISH_EVENT_SQL,
      publishParameters(sql.tenantId, type, randomUUID(), data, options.dedupeKey ?? null, null),
    );
  }
}
