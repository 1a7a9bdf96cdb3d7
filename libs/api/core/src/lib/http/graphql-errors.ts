import { HttpException } from '@nestjs/common';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { DomainError, type ErrorCode } from '../errors/domain-error';

/**
 * The single mapping from what went wrong to what a GraphQL client sees: every error
 * carries a code; a user's mistake never shows as an internal error, and an internal
 * error never shows its message or stack.
 */
const HTTP_TO_CODE: Record<number, ErrorCode> = {
  400: 'BAD_USER_INPUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  429: 'RATE_LIMITED',
};

/** Apollo's own codes for a malformed request: all the client's mistake. */
const APOLLO_CLIENT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

export function formatGraphqlError(
  formatted: GraphQLFormattedError,
  error: unknown,
  onInternal: (error: unknown) => void,
): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };

  if (original instanceof DomainError) {
    return {
      ...base,
      message: original.message,
      extensions: {
        code: original.code,
        ...(original.reason && { reason: original.reason }),
        ...(original.details && { details: original.details }),
      },
    };
  }
  if (original instanceof HttpException) {
    const status = original.getStatus();
    const response = original.getResponse();
    const messages =
      typeof response === 'object' && response !== null && 'message' in response
        ? (response as { message: unknown }).message
        : original.message;
    const message = Array.isArray(messages) ? messages.join('; ') : String(messages);
    const code = HTTP_TO_CODE[status];
    if (code) return { ...base, message, extensions: { code } };
  }
  const code = formatted.extensions?.['code'];
  if (typeof code === 'string' && APOLLO_CLIENT_CODES.has(code)) {
    return { ...base, extensions: { code: 'BAD_USER_INPUT' } };
  }
  onInternal(original);
  return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
