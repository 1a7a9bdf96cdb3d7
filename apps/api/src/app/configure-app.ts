import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import { raw } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import {
  type AppConfig,
  bodyParserErrors,
  Metrics,
  requestIds,
  useBodyParsers,
  validationPipe,
} from '@warbler/api/core';
import { httpMetrics, requestLogging } from '@warbler/api/ops';

/**
 * Everything main.ts and the end-to-end tests must set up the same way, so the tests
 * exercise the app as it runs in production.
 */
export function configureApp(app: INestApplication, config: AppConfig, logger: Logger): void {
  const express = app as NestExpressApplication;
  express.set('trust proxy', config.trustProxy);
  express.disable('x-powered-by');
  app.use(requestIds());
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
  // Stripe signs the exact bytes it sends: its webhook gets the body unparsed (JSON parsing then skips it).
  app.use('/webhooks/stripe', raw({ type: () => true, limit: '1mb' }));
  useBodyParsers(express);
  // Right after the parser, so its errors are answered here rather than as a 404.
  app.use(bodyParserErrors());
  app.useGlobalPipes(validationPipe());
  app.enableShutdownHooks();
}
