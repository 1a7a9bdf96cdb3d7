import type { StaffRole } from '@warbler/api/core';

/** What sessions need to know about a user to mint tokens for them. */
export interface SessionUser {
  id: string;
  email: string;
  staffRole: StaffRole | null;
  mfaEnabledAt: Date | null;
}

export const SESSION_USER_SELECT = { id: true, email: true, staffRole: true, mfaEnabledAt: true } as const;

/**
 * Whether a session may act beyond profile and MFA enrolment: it passed the second
 * factor, or the account has none to pass and, not being staff, needs none.
 */
export function mfaSatisfied(user: SessionUser, session: { mfaPassed: boolean }): boolean {
  return session.mfaPassed || (user.mfaEnabledAt === null && user.staffRole === null);
}
