import type { NextFunction, Request, Response } from 'express';

/**
 * Errors raised before Nest routes a request (malformed JSON, oversized bodies) answer like
 * every other error: a code and a message, never an HTML page or a stack trace. Mount it
 * right after the body parser.
 */
export function bodyParserErrors() {
  return (
    error: { status?: number; type?: string; message?: string },
    _req: Request,
    res: Response,
    next: NextFunction,
  ) => {
    if (res.headersSent || typeof error?.status !== 'number' || error.status >= 500) return next(error);
    const code = error.status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_USER_INPUT';
    const message =
      error.type === 'entity.parse.failed' ? 'The request body is not valid JSON' : (error.message ?? 'Bad request');
    res.status(error.status).json({ code, message });
  };
}
