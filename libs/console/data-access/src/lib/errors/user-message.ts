import { toApiProblem, type ApiProblem } from './api-problem';

/**
 * Codes whose server message is written for the person in front of the console (they say
 * which seat limit, which owner, which field). For the others the server's text is either
 * generic or not meant for people, so the console says it in its own words.
 */
const SERVER_WORDS = new Set([
  'BAD_USER_INPUT',
  'CONFLICT',
  'QUOTA_EXCEEDED',
  'NOT_FOUND',
  'FORBIDDEN',
  'MFA_REQUIRED',
]);

const OWN_WORDS: Record<string, string> = {
  UNAUTHENTICATED: 'Your session has ended. Sign in again to continue.',
  FORBIDDEN: 'Your role does not allow this.',
  NOT_FOUND: 'This item no longer exists. It may have been removed by someone else.',
  MFA_REQUIRED: 'Set up two-factor authentication to continue.',
  NETWORK: 'Warbler cannot be reached. Check your connection and try again.',
};

const FALLBACK = 'Something went wrong on our side. Try again in a moment.';

/** The sentence to show a person for any error from the API. */
export function userMessage(error: unknown): string {
  return describeProblem(toApiProblem(error));
}

export function describeProblem(problem: ApiProblem): string {
  if (problem.code === 'RATE_LIMITED') return rateLimited(problem.retryAfterSeconds);
  if (SERVER_WORDS.has(problem.code) && problem.serverMessage) return problem.serverMessage;
  return OWN_WORDS[problem.code] ?? FALLBACK;
}

function rateLimited(seconds: number | undefined): string {
  if (seconds === undefined) return 'Too many attempts. Wait a little and try again.';
  return `Too many attempts. Try again in ${formatWait(seconds)}.`;
}

export function formatWait(seconds: number): string {
  if (seconds < 60) return seconds <= 1 ? '1 second' : `${Math.ceil(seconds)} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}
