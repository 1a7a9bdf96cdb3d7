import { type INestApplication, ValidationPipe } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { type AppConfig, DomainError } from '@warbler/api/core';
import { httpMetrics, Metrics, requestLogging } from '@warbler/api/ops';

/**
 * Everything main.ts and the end-to-end tests must set up the same way, so the tests
 * exercise the app as it runs in production.
 */
export function configureApp(app: INestApplication, config: AppConfig, logger: Logger): void {
  const express = app as NestExpressApplication;
  express.set('trust proxy', process.env['TRUST_PROXY'] ?? 'loopback');
  express.disable('x-powered-by');
  app.use(requestLogging(logger));
  app.use(httpMetrics(app.get(Metrics)));
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          // Angular Material's component styles are inlined at runtime.
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
          // TLS ends at the load balancer; upgrading would break a plain-HTTP local install.
          'upgrade-insecure-requests': null,
        },
      },
    }),
  );
  app.enableCors({ origin: [config.publicUrl], credentials: true });
  app.use(cookieParser());
  express.useBodyParser('json', { limit: '1mb' });
  // Right after the parser, so its errors are answered here rather than as a 404.
  app.use(bodyParserErrors());
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) =>
        new DomainError(
          'BAD_USER_INPUT',
          errors.flatMap((error) => Object.values(error.constraints ?? {})).join('; ') || 'Invalid input',
          'VALIDATION_FAILED',
          { fields: errors.map((error) => error.property) },
        ),
    }),
  );
  app.enableShutdownHooks();
}

/**
 * Errors raised before Nest routes a request (malformed JSON, oversized bodies) must
 * answer like every other error: a code and a message, never an HTML stack trace.
 */
function bodyParserErrors() {
  return (error: { status?: number; type?: string; message?: string }, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent || typeof error?.status !== 'number' || error.status >= 500) return next(error);
    const code = error.status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_USER_INPUT';
    const message = error.type === 'entity.parse.failed' ? 'The request body is not valid JSON' : (error.message ?? 'Bad request');
    res.status(error.status).json({ code, message });
  };
}
