import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import type { Response } from 'express';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { DomainError } from '@warbler/api/core';

/**
 * What apps/api/src/app/graphql-errors.ts and http-exception.filter.ts do with a
 * DomainError, restated: a library importing the app would close a dependency cycle (the
 * app imports every domain). Validation errors arrive as DomainErrors too (see the
 * ValidationPipe in test-app.ts), so codes and reasons reach tests as clients see them.
 */
export function formatDomainError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  if (original instanceof DomainError) {
    return {
      message: original.message,
      path: formatted.path,
      extensions: { code: original.code, ...(original.reason && { reason: original.reason }) },
    };
  }
  // Apollo's own refusals of a malformed operation are the client's mistake.
  if (formatted.extensions?.['code'] === 'GRAPHQL_VALIDATION_FAILED' || formatted.extensions?.['code'] === 'BAD_USER_INPUT') {
    return { message: formatted.message, extensions: { code: 'BAD_USER_INPUT' } };
  }
  console.error(original);
  return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType<'http' | 'graphql'>() !== 'http') throw exception;
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) return;
    if (exception instanceof DomainError) {
      response.status(exception.httpStatus).json({
        code: exception.code,
        message: exception.message,
        ...(exception.reason && { reason: exception.reason }),
      });
    } else if (exception instanceof HttpException && exception.getStatus() < 500) {
      response.status(exception.getStatus()).json({ code: 'BAD_USER_INPUT', message: exception.message });
    } else {
      console.error(exception);
      response.status(500).json({ code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' });
    }
  }
}
