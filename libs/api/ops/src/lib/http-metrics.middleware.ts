import type { NextFunction, Request, Response } from 'express';
import type { Metrics } from '@warbler/api/core';

/** Times every HTTP request; the route label is the matched route, never the raw URL. */
export function httpMetrics(metrics: Metrics) {
  return (req: Request, res: Response, next: NextFunction) => {
    const stop = metrics.httpDuration.startTimer();
    res.on('finish', () => {
      const route =
        (req.route?.path as string | undefined) ?? (req.baseUrl || (res.statusCode === 404 ? 'unmatched' : req.path));
      stop({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  };
}
