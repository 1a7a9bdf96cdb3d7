import { HttpErrorResponse } from '@angular/common/http';
import { CombinedGraphQLErrors } from '@apollo/client/errors';

/**
 * What went wrong, in one shape whatever carried it: a REST error body, a GraphQL error's
 * extensions, or a request that never reached the server.
 */
export interface ApiProblem {
  /** `extensions.code` / the REST body's `code`; `NETWORK` when the server was not reached. */
  code: string;
  /** The stable machine reason, e.g. `SEAT_LIMIT_REACHED`, when the server gave one. */
  reason?: string;
  /** The server's message, written for people, when there is one worth showing. */
  serverMessage?: string;
  retryAfterSeconds?: number;
}

type Fields = Record<string, unknown>;

export function toApiProblem(error: unknown): ApiProblem {
  if (CombinedGraphQLErrors.is(error)) {
    const [first] = error.errors;
    return fromFields(first?.extensions ?? {}, first?.message);
  }
  if (error instanceof HttpErrorResponse) {
    if (error.status === 0) return { code: 'NETWORK' };
    const body: Fields = isFields(error.error) ? error.error : {};
    const graphqlErrors = Array.isArray(body['errors']) ? (body['errors'] as Fields[]) : null;
    const problem = graphqlErrors
      ? fromFields(
          isFields(graphqlErrors[0]?.['extensions']) ? graphqlErrors[0]['extensions'] : {},
          graphqlErrors[0]?.['message'],
        )
      : fromFields(body, body['message']);
    if (problem.code === 'UNKNOWN') problem.code = STATUS_CODES[error.status] ?? 'INTERNAL_SERVER_ERROR';
    problem.retryAfterSeconds ??= numberOrUndefined(error.headers?.get('Retry-After'));
    return problem;
  }
  return { code: 'UNKNOWN' };
}

/** True when the problem is the server saying the access token is missing, expired or revoked. */
export function isUnauthenticated(error: unknown): boolean {
  return toApiProblem(error).code === 'UNAUTHENTICATED';
}

const STATUS_CODES: Record<number, string> = {
  400: 'BAD_USER_INPUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  429: 'RATE_LIMITED',
};

function fromFields(fields: Fields, message: unknown): ApiProblem {
  const details = isFields(fields['details']) ? fields['details'] : {};
  return {
    code: typeof fields['code'] === 'string' ? fields['code'] : 'UNKNOWN',
    reason: typeof fields['reason'] === 'string' ? fields['reason'] : undefined,
    serverMessage: typeof message === 'string' && message !== '' ? message : undefined,
    retryAfterSeconds: numberOrUndefined(fields['retryAfterSeconds'] ?? details['retryAfterSeconds']),
  };
}

function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function numberOrUndefined(value: unknown): number | undefined {
  const parsed = typeof value === 'string' ? Number(value) : value;
  return typeof parsed === 'number' && Number.isFinite(parsed) ? parsed : undefined;
}
