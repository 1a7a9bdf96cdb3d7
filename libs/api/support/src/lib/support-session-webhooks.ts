import type { SupportSessionEndedData, SupportSessionStartedData } from '@warbler/api/webhooks';
import type { StoredSession } from './support-session-records';

/** What the tenant's webhook endpoints receive when a support session on it becomes active. */
export function sessionStartedData(session: StoredSession): SupportSessionStartedData {
  return {
    support_session_id: session.id,
    mode: session.mode,
    reason: session.reason,
    ticket_reference: session.ticketReference,
    started_at: (session.startedAt ?? session.requestedAt).toISOString(),
    expires_at: session.expiresAt.toISOString(),
  };
}

/** … and when it ends, however it ended. */
export function sessionEndedData(session: StoredSession): SupportSessionEndedData {
  return {
    support_session_id: session.id,
    ended_at: (session.endedAt ?? new Date()).toISOString(),
    ended_how: session.endedHow ?? 'EXPIRED',
  };
}
