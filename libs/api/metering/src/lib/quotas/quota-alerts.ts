import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, type TenantSql } from '@warbler/api/core';
import { TenantWebhooks } from '@warbler/api/webhooks';
import type { BillingPeriod } from '../shared/billing-period';
import { type Decimal, decimalText } from '../shared/decimals';
import type { MetricMovement } from '../rollups/usage-rollups';

/** Highest first: a batch that crosses both says only the higher one. */
const THRESHOLDS = [100, 80] as const;

const grouped = (value: Decimal) => {
  const [whole, fraction] = decimalText(value).split('.');
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (fraction ? `.${fraction}` : '');
};

const resetTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/**
 * Tells a tenant's owners and admins, once per period, that a quota reached 80% and 100%:
 * a notification whose dedupe key makes "once" a constraint (concurrent batches crossing
 * together insert one), and, only when it was new, an e-mail per active OWNER or ADMIN in
 * the same transaction; and raises quota.threshold_reached (80%) or quota.exceeded (100%) for the
 * tenant's webhooks, with the same once-per-period key, when the batch's catalog read found an
 * endpoint that wants them.
 */
@Injectable()
export class QuotaAlerts {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly webhooks: TenantWebhooks,
  ) {}

  async raise(
    sql: TenantSql,
    period: BillingPeriod,
    movements: MetricMovement[],
    quotaWebhooks: boolean,
  ): Promise<void> {
    for (const { metric, before, after } of movements) {
      const quota = metric.quota;
      if (!quota || quota.limit.isZero()) continue;
      const percent = THRESHOLDS.find((p) => {
        const threshold = quota.limit.times(p).dividedBy(100);
        return before.value.lt(threshold) && after.value.gte(threshold);
      });
      if (percent !== undefined) {
        const title = `${metric.name} reached ${percent}% of its quota`;
        const consequence =
          percent < 100
            ? ''
            : quota.enforcement === 'HARD'
              ? ' Further usage is refused until the quota resets.'
              : ' Usage past the limit is billed as overage.';
        const body =
          `${grouped(after.value)} of ${grouped(quota.limit)} ${metric.unit} used this period.${consequence}` +
          ` The quota resets on ${resetTime.format(period.end)} UTC.`;
        const link = `${this.config.publicUrl}/usage`;
        await sql.query(
          `WITH raised AS (
             INSERT INTO notifications (tenant_id, id, kind, title, body, link, dedupe_key)
             VALUES ($1::uuid, gen_random_uuid(), 'QUOTA_THRESHOLD', $2, $3, $4, $5)
             ON CONFLICT (tenant_id, dedupe_key) DO NOTHING
             RETURNING tenant_id
           )
           INSERT INTO outbox_emails (tenant_id, id, to_email, subject, body, link)
           SELECT raised.tenant_id, gen_random_uuid(), u.email, $2, $3, $4
           FROM raised
           JOIN memberships m ON m.tenant_id = raised.tenant_id AND m.status = 'ACTIVE' AND m.role IN ('OWNER', 'ADMIN')
           JOIN users u ON u.id = m.user_id`,
          [sql.tenantId, title, body, link, `quota:${metric.code}:${period.start.toISOString()}:${percent}`],
        );
        if (quotaWebhooks) {
          await this.webhooks.publishSql(
            sql,
            percent < 100 ? 'quota.threshold_reached' : 'quota.exceeded',
            {
              metric: metric.code,
              metric_name: metric.name,
              unit: metric.unit,
              limit: decimalText(quota.limit),
              used: decimalText(after.value),
              threshold_percent: percent,
              enforcement: quota.enforcement,
              period_start: period.start.toISOString(),
              resets_at: period.end.toISOString(),
            },
            { dedupeKey: `quota:${metric.code}:${period.start.toISOString()}:${percent}` },
          );
        }
      }
    }
  }
}
