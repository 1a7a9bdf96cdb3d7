import { Injectable } from '@nestjs/common';
import { type ApiKeyCaller, Database, Metrics, type TenantSql } from '@warbler/api/core';
import { QuotaCounter } from '../quotas/quota-admission';
import { QuotaAlerts } from '../quotas/quota-alerts';
import { lockPeriodTotals } from '../rollups/period-totals';
import { countedUniqueValues } from '../rollups/unique-values';
import { rollUpBatch } from '../rollups/usage-rollups';
import { accepted, duplicate, rejected, type UsageBatchResult, type UsageEventResult } from '../shared/usage-results';
import { SpendingAlerts } from '../spending/spending-alerts';
import { capMessage, SpendingMeter } from '../spending/spending-meter';
import { lockSpendingWatch, watchesSpending } from '../spending/spending-watch';
import { type BatchCatalog, loadBatchCatalog } from './batch-catalog';
import { type AdmittedEvent, claimKeys, releaseKeys, storeEvents } from './event-recording';
import { isMeterable, type MeterableEvent, screenEvent } from './event-screening';
import { parseUsageBatch } from './usage-batch.parser';

/**
 * Usage ingestion: one batch, one tenant transaction, a fixed number of set-based
 * statements whatever the batch size. Each event is counted exactly once per
 * (tenant, idempotency key); rejected events leave no key behind, so a retry is judged again.
 *
 * Lock order, the same in every batch so that batches of a tenant queue instead of deadlocking:
 * the subscription (shared), the idempotency keys, the spending terms (only for a tenant with a
 * spending cap or an alert still to send), the period totals in metric order, the unique values,
 * then the rollups.
 */
@Injectable()
export class UsageIngestion {
  constructor(
    private readonly db: Database,
    private readonly alerts: QuotaAlerts,
    private readonly spendingAlerts: SpendingAlerts,
    private readonly metrics: Metrics,
  ) {}

  async ingest(caller: ApiKeyCaller, body: unknown): Promise<UsageBatchResult> {
    const submitted = parseUsageBatch(body);
    const metricCodes = [...new Set(submitted.map((event) => event.metricCode))];
    const results = await this.db.tenantSqlTransaction(caller, async (sql) => {
      const catalog = await loadBatchCatalog(sql, metricCodes);
      const outcomes: UsageEventResult[] = new Array(submitted.length);
      const meterable: MeterableEvent[] = [];
      const keysInBatch = new Set<string>();
      const now = new Date();
      for (const event of submitted) {
        // The first event with a key speaks for it; later ones in the same batch repeat it.
        if (keysInBatch.has(event.idempotencyKey)) {
          outcomes[event.index] = duplicate(event.idempotencyKey);
          continue;
        }
        keysInBatch.add(event.idempotencyKey);
        const screened = screenEvent(event, catalog, now);
        if (isMeterable(screened)) meterable.push(screened);
        else outcomes[event.index] = screened;
      }
      if (meterable.length > 0) await this.meter(sql, caller, catalog, meterable, outcomes);
      return outcomes;
    });
    // Counted once committed: a batch rolled back judged nothing.
    this.count(results);
    return summarize(results);
  }

  /** Tallied first: one counter update per outcome, not one per event of a 1,000-event batch. */
  private count(results: UsageEventResult[]): void {
    const outcomes = new Map<string, { outcome: string; reason: string; events: number }>();
    const quotaRefusals = new Map<string, number>();
    for (const result of results) {
      const reason = result.reason ?? '';
      const key = `${result.status}:${reason}`;
      const tally = outcomes.get(key) ?? { outcome: result.status, reason, events: 0 };
      tally.events += 1;
      outcomes.set(key, tally);
      if (result.quota) quotaRefusals.set(result.quota.metric, (quotaRefusals.get(result.quota.metric) ?? 0) + 1);
    }
    for (const { outcome, reason, events } of outcomes.values())
      this.metrics.usageEvents.inc({ outcome, reason }, events);
    for (const [metric, events] of quotaRefusals) this.metrics.quotaRejections.inc({ metric }, events);
  }

  private async meter(
    sql: TenantSql,
    caller: ApiKeyCaller,
    catalog: BatchCatalog,
    events: MeterableEvent[],
    outcomes: UsageEventResult[],
  ): Promise<void> {
    const { period } = catalog;
    // Keys first, totals second: the costly writes happen before the lock that batches of the
    // same tenant queue on, which is then held only to decide, store and roll up.
    const claimedElsewhere = await claimKeys(sql, events);
    const fresh = events.filter((event) => {
      const key = event.submitted.idempotencyKey;
      if (!claimedElsewhere.has(key)) return true;
      outcomes[event.submitted.index] = duplicate(key);
      return false;
    });
    if (fresh.length === 0) return;
    // Most tenants watch no spend and skip this statement; see lockSpendingWatch for the rest.
    const watch = watchesSpending(catalog.spending, period) ? await lockSpendingWatch(sql, period) : null;
    const totals = await lockPeriodTotals(
      sql,
      period,
      [...new Set(fresh.map((e) => e.metric.id))],
      watch?.charges.keys(),
    );
    const meter = watch && new SpendingMeter(watch, totals, period.end);
    const counted = await countedUniqueValues(
      sql,
      period.start,
      fresh.flatMap((e) => (e.uniqueValue === null ? [] : [{ metricId: e.metric.id, value: e.uniqueValue }])),
    );

    const admitted: AdmittedEvent[] = [];
    const refusedKeys: string[] = [];
    const quotas = new Map<string, QuotaCounter>();
    // Input order across metrics: the cap weighs each event after those sent before it.
    for (const event of fresh) {
      const metricId = event.metric.id;
      let quota = quotas.get(metricId);
      if (!quota) {
        const total = totals.get(metricId);
        if (!total) throw new Error(`The period total of metric ${metricId} was not locked`);
        quota = new QuotaCounter({ value: total.value, knownValues: counted.get(metricId) ?? new Set() }, period.end);
        quotas.set(metricId, quota);
      }
      const key = event.submitted.idempotencyKey;
      const admission = quota.judge(event);
      if (!admission.admitted) {
        refusedKeys.push(key);
        outcomes[event.submitted.index] = rejected(
          key,
          'QUOTA_EXCEEDED',
          `The ${event.metric.code} quota of ${admission.refusal.limit} for this period is used up`,
          admission.refusal,
        );
        continue;
      }
      const step = meter?.judge(event, admission.newUniqueValue) ?? null;
      const overCap = meter?.refusal(step);
      if (overCap) {
        refusedKeys.push(key);
        outcomes[event.submitted.index] = {
          ...rejected(key, 'SPENDING_CAP_EXCEEDED', capMessage(overCap)),
          spending_cap: overCap,
        };
        continue;
      }
      quota.count(event, admission);
      meter?.take(step);
      admitted.push({ event, overQuota: admission.overQuota });
      outcomes[event.submitted.index] = accepted(key);
    }
    await releaseKeys(sql, refusedKeys);
    if (admitted.length === 0) return;

    await storeEvents(sql, caller.apiKeyId, admitted);
    const movements = await rollUpBatch(sql, period, admitted, totals);
    await this.alerts.raise(sql, period, movements, catalog.quotaWebhooks);
    if (watch && meter) await this.spendingAlerts.raise(sql, period, watch, meter);
  }
}

function summarize(results: UsageEventResult[]): UsageBatchResult {
  let acceptedCount = 0;
  let duplicates = 0;
  for (const result of results) {
    if (result.status === 'accepted') acceptedCount += 1;
    else if (result.status === 'duplicate') duplicates += 1;
  }
  return {
    accepted: acceptedCount,
    duplicates,
    rejected: results.length - acceptedCount - duplicates,
    results,
  };
}
