import { conflict, DomainError, notFound } from '@warbler/api/core';

/** The audit actions this domain records. */
export const ApiKeyAction = {
  created: 'api_key.created',
  renamed: 'api_key.renamed',
  revoked: 'api_key.revoked',
} as const;

/** Keys a tenant may hold active at once: plenty for one per service and environment. */
export const MAX_ACTIVE_API_KEYS = 50;

/** The latest expiry a key created now may have: a longer-lived key is a forgotten one. */
export function latestExpiry(now: Date): Date {
  const latest = new Date(now);
  latest.setUTCFullYear(latest.getUTCFullYear() + 2);
  return latest;
}

export const apiKeyNotFound = () => notFound('API key');

export const apiKeyLimitReached = () =>
  conflict(
    `A tenant can hold at most ${MAX_ACTIVE_API_KEYS} active API keys; revoke one you no longer use first`,
    'API_KEY_LIMIT',
  );

export const expiryNotAhead = () =>
  new DomainError('BAD_USER_INPUT', 'An API key must expire in the future', 'API_KEY_EXPIRY_PAST');

export const expiryTooFar = () =>
  new DomainError(
    'BAD_USER_INPUT',
    'An API key can expire at most two years from now; create a new key when it runs out',
    'API_KEY_EXPIRY_TOO_FAR',
  );
