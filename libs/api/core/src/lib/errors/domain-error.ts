/**
 * The error codes clients can rely on. Every error that reaches a client carries one;
 * GraphQL puts it in `extensions.code`, REST in the body's `code`.
 */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'QUOTA_EXCEEDED'
  | 'RATE_LIMITED'
  | 'MFA_REQUIRED';

const HTTP_STATUS: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  BAD_USER_INPUT: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  QUOTA_EXCEEDED: 429,
  RATE_LIMITED: 429,
  MFA_REQUIRED: 401,
};

/**
 * An error a user can act on. Domains throw these with a stable `reason` (e.g.
 * `SEAT_LIMIT_REACHED`) so that clients can branch on more than the broad code.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly reason?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  get httpStatus(): number {
    return HTTP_STATUS[this.code];
  }
}

export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} was not found`);
export const forbidden = (message = 'You are not allowed to do this') => new DomainError('FORBIDDEN', message);
export const badInput = (message: string, reason?: string, details?: Record<string, unknown>) =>
  new DomainError('BAD_USER_INPUT', message, reason, details);
export const conflict = (message: string, reason?: string) => new DomainError('CONFLICT', message, reason);
export const unauthenticated = (message = 'Sign in to continue', reason?: string) =>
  new DomainError('UNAUTHENTICATED', message, reason);
