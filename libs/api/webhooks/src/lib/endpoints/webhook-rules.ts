import { conflict, notFound } from '@warbler/api/core';

/** The audit actions this domain records. */
export const WebhookAction = {
  endpointCreated: 'webhook_endpoint.created',
  endpointUpdated: 'webhook_endpoint.updated',
  endpointDeleted: 'webhook_endpoint.deleted',
  secretRotated: 'webhook_endpoint.secret_rotated',
  testSent: 'webhook_endpoint.test_sent',
  deliveryRetried: 'webhook_delivery.redelivered',
} as const;

export const WEBHOOK_ENDPOINT_TARGET = 'WebhookEndpoint';
export const WEBHOOK_DELIVERY_TARGET = 'WebhookDelivery';

/** Endpoints a tenant may register: plenty for one per system and environment. */
export const MAX_WEBHOOK_ENDPOINTS = 20;

/** How long the secret before a rotation keeps signing beside the new one. */
export const ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000;

export const endpointNotFound = () => notFound('Webhook endpoint');
export const deliveryNotFound = () => notFound('Webhook delivery');

export const endpointLimitReached = () =>
  conflict(
    `A tenant can register at most ${MAX_WEBHOOK_ENDPOINTS} webhook endpoints; delete one you no longer use first`,
    'WEBHOOK_ENDPOINT_LIMIT',
  );

export const endpointDisabled = () =>
  conflict('This endpoint is disabled; enable it to send it events', 'WEBHOOK_ENDPOINT_DISABLED');

export const attemptUnderWay = () =>
  conflict('An attempt at this delivery is under way; try again in a moment', 'WEBHOOK_ATTEMPT_UNDER_WAY');
