import { conflict, DomainError, notFound } from '@warbler/api/core';

/** The errors of this domain, each with the stable reason clients branch on. */
export const memberNotFound = () => notFound('Member');
export const invitationNotFound = () => notFound('Invitation');

export const seatLimitReached = (seatLimit: number) =>
  new DomainError(
    'CONFLICT',
    `All ${seatLimit} seats of this tenant are assigned; free a seat, or buy more seats on the Plan & billing page`,
    'SEAT_LIMIT_REACHED',
    { seatLimit },
  );

export const lastOwner = () =>
  conflict('A tenant needs at least one owner; make someone else an owner first', 'LAST_OWNER');

export const duplicateInvitation = (email: string) =>
  conflict(`${email} already has a pending invitation; resend it instead`, 'DUPLICATE_INVITATION');

export const alreadyMember = (email: string) =>
  conflict(`${email} is already a member of this tenant`, 'ALREADY_MEMBER');

export const invitationExpired = () =>
  new DomainError('BAD_USER_INPUT', 'This invitation has expired; ask for a new one', 'INVITATION_EXPIRED');

export const invitationEmailMismatch = () =>
  new DomainError(
    'FORBIDDEN',
    'This invitation was sent to another e-mail address; sign in with that address to accept it',
    'INVITATION_EMAIL_MISMATCH',
  );

export const accountExists = () =>
  conflict('An account with this e-mail address exists; sign in to accept the invitation', 'ACCOUNT_EXISTS');
