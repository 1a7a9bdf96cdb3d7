import type { LoggerService } from '@nestjs/common';
import type { Request } from 'express';
import pino, { type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { currentRequestId } from '@warbler/api/core';

/** JSON logs, one line an event, each carrying the request id when there is one. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'warbler-api' },
    mixin: () => {
      const requestId = currentRequestId();
      return requestId ? { requestId } : {};
    },
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'], remove: true },
  });
}

/** Logs each request once it ends; mount after `requestIds()`, whose id it reuses. */
export function requestLogging(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: (req) => (req as Request & { requestId: string }).requestId,
    customLogLevel: (_req, res, error) =>
      error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    autoLogging: { ignore: (req) => ['/healthz', '/readyz', '/metrics'].includes(req.url ?? '') },
    serializers: {
      req: (req) => ({ method: req.method, url: req.url }),
      res: (res) => ({ statusCode: res.statusCode }),
    },
  });
}

/** Routes Nest's own log lines through the same JSON logger. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, context?: string) {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, String(message));
  }
}
