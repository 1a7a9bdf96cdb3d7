import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Request durations from 5 ms to 5 s: the API's answers, not its background work. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/**
 * Prometheus figures served at /metrics (docs/metrics.md). One registry per app instance (not
 * the global default) so tests can start several apps in one process. Labels take only values
 * bounded by the code or the catalog, never what a client sends, so the series stay few.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  readonly httpDuration = this.histogram(
    'warbler_http_request_duration_seconds',
    'HTTP request duration by method, matched route and status',
    ['method', 'route', 'status'],
  );

  readonly graphqlDuration = this.histogram(
    'warbler_graphql_operation_duration_seconds',
    'GraphQL operation duration by root field (or "multiple", "invalid") and operation type',
    ['operation', 'type'],
  );

  readonly graphqlErrors = this.counter('warbler_graphql_errors_total', 'GraphQL errors by root field and error code', [
    'operation',
    'code',
  ]);

  readonly usageEvents = this.counter(
    'warbler_usage_events_total',
    'Usage events judged by committed ingestion batches: accepted, duplicate or rejected, with the reason',
    ['outcome', 'reason'],
  );

  readonly quotaRejections = this.counter(
    'warbler_quota_rejections_total',
    'Usage events refused by a HARD quota, by metric code',
    ['metric'],
  );

  readonly jobRuns = this.counter(
    'warbler_job_runs_total',
    'Periodic job rounds by outcome: ok, failed, or skipped (another instance held the job)',
    ['job_name', 'outcome'],
  );

  readonly jobLag = this.gauge(
    'warbler_job_lag_seconds',
    'How late the last round of a periodic job started after it was due',
    ['job_name'],
  );

  readonly jobLastSuccess = this.gauge(
    'warbler_job_last_success_timestamp_seconds',
    'When a round of the job last finished without error, in this instance (Unix seconds)',
    ['job_name'],
  );

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'warbler_' });
  }

  private histogram<L extends string>(name: string, help: string, labelNames: L[]): Histogram<L> {
    return new Histogram({ name, help, labelNames, buckets: LATENCY_BUCKETS, registers: [this.registry] });
  }

  private counter<L extends string>(name: string, help: string, labelNames: L[]): Counter<L> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  private gauge<L extends string>(name: string, help: string, labelNames: L[]): Gauge<L> {
    return new Gauge({ name, help, labelNames, registers: [this.registry] });
  }
}
