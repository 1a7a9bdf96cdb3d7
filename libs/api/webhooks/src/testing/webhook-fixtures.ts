import { randomUUID } from 'node:crypto';
import { ownerClient } from '@warbler/api/core/testing';
import type { TenantActor } from '@warbler/api/core';
import type { TestApp } from '@warbler/api/access/testing';
import { WebhookEndpoints } from '../lib/endpoints/webhook-endpoints.service';
import { WEBHOOK_EVENT_TYPES } from '../lib/events/webhook-event-types';

/** An endpoint registered through the service, as an admin would: returns it and its secret. */
export async function newEndpoint(
  app: TestApp,
  actor: TenantActor,
  url: string,
  eventTypes: string[] = [...WEBHOOK_EVENT_TYPES],
) {
  return app.app.get(WebhookEndpoints).create(actor, { url, eventTypes, description: 'Test endpoint' });
}

/**
 * An enabled endpoint written straight to the database, for other domains' tests of the events they
 * raise: it is never delivered to, so its secret is a placeholder.
 */
export async function subscribedEndpoint(tenantId: string, eventTypes: string[]): Promise<{ id: string }> {
  return ownerClient().webhookEndpoint.create({
    data: {
      tenantId,
      id: randomUUID(),
      url: 'https://hooks.example.com/warbler',
      eventTypes,
      secretSealed: 'not:a:secret',
      secretHint: 'none',
      createdByUserId: randomUUID(),
    },
    select: { id: true },
  });
}

/** The events raised for a tenant, oldest first, with how many deliveries each got. */
export async function webhookEventsOf(tenantId: string) {
  const events = await ownerClient().webhookEvent.findMany({
    where: { tenantId },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    include: { _count: { select: { deliveries: true } } },
  });
  return events.map((event) => ({ type: event.type, data: event.data, deliveries: event._count.deliveries }));
}
