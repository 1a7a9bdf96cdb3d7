import { badInput, conflict, DomainError, notFound } from '@warbler/api/core';

export const DEFAULT_SESSION_MINUTES = 30;
export const MAX_SESSION_MINUTES = 4 * 60;
/** Keys the lock that lets one engineer start one session at a time in a tenant (with hashtext of both ids). */
export const SESSION_START_LOCK = 74_201;
/** How far ahead an owner may let support act without asking again. */
export const MAX_WRITE_GRANT_DAYS = 90;

/** The tenant audit log's names for what happens to support sessions and access. */
export const SupportAction = {
  sessionStarted: 'support_session.started',
  sessionRequested: 'support_session.requested',
  sessionApproved: 'support_session.approved',
  sessionEnded: 'support_session.ended',
  accessRefused: 'support_access.refused',
  accessAllowed: 'support_access.allowed',
  writeGranted: 'support_access.write_granted',
  writeRevoked: 'support_access.write_revoked',
} as const;

export const sessionDurationOutOfRange = () =>
  badInput(
    `A support session lasts from 1 to ${MAX_SESSION_MINUTES} minutes`,
    'SUPPORT_SESSION_DURATION_OUT_OF_RANGE',
    { maxMinutes: MAX_SESSION_MINUTES },
  );

export const supportAccessRefused = (tenantName: string) =>
  new DomainError('FORBIDDEN', `${tenantName} refuses support access`, 'SUPPORT_ACCESS_REFUSED');

export const cannotViewAsStaff = () =>
  new DomainError(
    'FORBIDDEN',
    'Support views a tenant as one of its customers, never as a staff account',
    'SUPPORT_CANNOT_VIEW_STAFF',
  );

export const noOwnerToViewAs = () =>
  conflict('The tenant has no owner support may view it as; choose another member', 'SUPPORT_NO_MEMBER_TO_VIEW_AS');

export const sessionAlreadyOpen = (tenantName: string, ticketReference: string) =>
  conflict(
    `You already have an open support session on ${tenantName} (ticket ${ticketReference}); end it before starting another`,
    'SUPPORT_SESSION_ALREADY_OPEN',
  );

export const supportSessionNotFound = () => notFound('Support session');
export const tenantNotFound = () => notFound('Tenant');
export const memberNotFound = () => notFound('Member');

export const selfApproval = () =>
  new DomainError(
    'FORBIDDEN',
    'A write session is approved by a second staff member, not by the one who asked for it',
    'SUPPORT_SELF_APPROVAL',
  );

export const notPending = () =>
  conflict('This support session is not waiting for approval any more', 'SUPPORT_SESSION_NOT_PENDING');

export const grantNotAhead = () => badInput('The grant must end in the future', 'SUPPORT_GRANT_NOT_AHEAD');
export const grantTooFar = () =>
  badInput(`A write grant lasts at most ${MAX_WRITE_GRANT_DAYS} days`, 'SUPPORT_GRANT_TOO_FAR', {
    maxDays: MAX_WRITE_GRANT_DAYS,
  });

export const tenantRequired = () =>
  badInput('Name the tenant of the support session', 'SUPPORT_SESSION_TENANT_REQUIRED');
