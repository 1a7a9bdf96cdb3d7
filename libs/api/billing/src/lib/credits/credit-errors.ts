import { badInput, conflict, notFound } from '@warbler/api/core';

export const grantNotFound = () => notFound('Credit grant');

export const tenantNotFound = () => notFound('Tenant');

export const unsupportedCurrency = (currency: string) =>
  badInput(`${currency} is not a currency Warbler bills in`, 'UNSUPPORTED_CURRENCY', { currency });

export const expiryInPast = () => badInput('The expiry must be in the future', 'EXPIRY_IN_PAST');

export const idempotencyKeyReused = () =>
  conflict('This idempotency key already granted different credits to this tenant', 'IDEMPOTENCY_KEY_REUSED');

/** Only a grant nothing was taken from can be revoked, so no invoice ever needs credits of a revoked grant back. */
export const grantInUse = () =>
  conflict(
    'Some of this grant was spent, expired or revoked: only an unused grant can be revoked',
    'CREDIT_GRANT_IN_USE',
  );
