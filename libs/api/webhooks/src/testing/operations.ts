const ENDPOINT =
  'id url description eventTypes enabled secretHint previousSecretExpiresAt secretRotatedAt createdAt updatedAt';
const DELIVERY = `id endpointId endpointUrl status attempts nextAttemptAt retryUntil lastAttemptAt lastStatusCode lastError
  deliveredAt createdAt event { id type createdAt data }
  attemptLog { number attemptedAt durationMs succeeded statusCode error responseSnippet }`;

/** The webhook operations as the console sends them. */
export const WebhookOps = {
  webhookEndpoints: `{ webhookEndpoints { ${ENDPOINT} } }`,
  createWebhookEndpoint: `mutation($input: CreateWebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) { secret endpoint { ${ENDPOINT} } } }`,
  updateWebhookEndpoint: `mutation($id: ID!, $input: UpdateWebhookEndpointInput!) {
    updateWebhookEndpoint(id: $id, input: $input) { ${ENDPOINT} } }`,
  deleteWebhookEndpoint: `mutation($id: ID!) { deleteWebhookEndpoint(id: $id) { ${ENDPOINT} } }`,
  rotateWebhookSecret: `mutation($id: ID!, $expireCurrentNow: Boolean) {
    rotateWebhookSecret(id: $id, expireCurrentNow: $expireCurrentNow) { secret endpoint { ${ENDPOINT} } } }`,
  sendTestWebhook: `mutation($id: ID!) { sendTestWebhook(id: $id) { ${DELIVERY} } }`,
  webhookDeliveries: `query($endpointId: ID, $status: WebhookDeliveryStatus, $first: Int, $after: String) {
    webhookDeliveries(endpointId: $endpointId, status: $status, first: $first, after: $after) {
      edges { cursor node { ${DELIVERY} } } pageInfo { hasNextPage endCursor } } }`,
  webhookDelivery: `query($id: ID!) { webhookDelivery(id: $id) { ${DELIVERY} } }`,
  redeliverWebhook: `mutation($id: ID!) { redeliverWebhook(id: $id) { ${DELIVERY} } }`,
} as const;

export interface EndpointView {
  id: string;
  url: string;
  description: string;
  eventTypes: string[];
  enabled: boolean;
  secretHint: string;
  previousSecretExpiresAt: string | null;
  secretRotatedAt: string | null;
}

export interface DeliveryView {
  id: string;
  endpointId: string;
  status: 'PENDING' | 'SUCCEEDED' | 'FAILED';
  attempts: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: string | null;
  event: { id: string; type: string; createdAt: string; data: Record<string, unknown> };
  attemptLog: {
    number: number;
    succeeded: boolean;
    statusCode: number | null;
    error: string | null;
    responseSnippet: string | null;
    durationMs: number;
  }[];
}
