import type { NestExpressApplication } from '@nestjs/platform-express';
import { json } from 'express';

/**
 * JSON bodies are capped at 1 MB, except a usage batch: 1,000 events with up to 4 KB of
 * properties each, and their envelopes, fit in 5 MB. The route's own parser runs first;
 * the general one then sees an already parsed body and leaves it alone.
 */
export const JSON_BODY_LIMIT = '1mb';
export const USAGE_BATCH_BODY_LIMIT = '5mb';

export function useBodyParsers(app: NestExpressApplication): void {
  app.use('/v1/usage/events', json({ limit: USAGE_BATCH_BODY_LIMIT }));
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT });
}
