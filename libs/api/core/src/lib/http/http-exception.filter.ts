import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from '../errors/domain-error';

const HTTP_CODES: Record<number, string> = {
  400: 'BAD_USER_INPUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'RATE_LIMITED',
};

/**
 * REST errors answer `{ code, message, reason? }`: the same codes as GraphQL, never a
 * stack trace. GraphQL errors are left to Apollo's formatError.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType<'http' | 'graphql'>() !== 'http') throw exception;
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) return;

    if (exception instanceof DomainError) {
      response.status(exception.httpStatus).json({
        code: exception.code,
        message: exception.message,
        ...(exception.reason && { reason: exception.reason }),
        ...exception.details,
      });
      return;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const raw =
        typeof body === 'object' && body !== null && 'message' in body
          ? (body as { message: unknown }).message
          : exception.message;
      const message = Array.isArray(raw) ? raw.join('; ') : String(raw);
      if (status < 500) {
        response.status(status).json({ code: HTTP_CODES[status] ?? 'BAD_USER_INPUT', message });
        return;
      }
    }
    this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    response.status(500).json({ code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' });
  }
}
