import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, type TenantSql } from '@warbler/api/core';
import { formatMinor } from '@warbler/shared/pricing';
import type { BillingPeriod } from '../shared/billing-period';
import type { SpendingMeter } from './spending-meter';
import type { SpendingWatch } from './spending-watch';

const endTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/**
 * Tells the tenant once per period, in the transaction of the batch that took its spend to the alert
 * amount: a notification for owners and admins and an e-mail to each active owner, admin and billing
 * admin, then marks the period on the terms (locked by this batch), so later batches stop pricing
 * themselves for the alert. The dedupe key (period and amount) keeps it once even without the mark.
 */
@Injectable()
export class SpendingAlerts {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async raise(sql: TenantSql, period: BillingPeriod, watch: SpendingWatch, meter: SpendingMeter): Promise<void> {
    const alert = watch.alertMinor;
    if (alert === null || meter.spentMinor < alert) return;
    const money = (minor: bigint) => `${formatMinor(minor, watch.currency)} ${watch.currency}`;
    const title = `Spending reached your alert of ${money(alert)}`;
    const cap =
      watch.capMinor === null ? '' : ` Usage that would take it past your cap of ${money(watch.capMinor)} is refused.`;
    const body =
      `Usage charges this period come to ${money(meter.spentMinor)}, before any commitment, discount or tax.${cap}` +
      ` The period ends on ${endTime.format(period.end)} UTC.`;
    await sql.query(
      `WITH raised AS (
         INSERT INTO notifications (tenant_id, id, kind, title, body, link, dedupe_key)
         VALUES ($1::uuid, gen_random_uuid(), 'SPENDING_ALERT', $2, $3, $4, $5)
         ON CONFLICT (tenant_id, dedupe_key) DO NOTHING
         RETURNING tenant_id
       ), mailed AS (
         INSERT INTO outbox_emails (tenant_id, id, to_email, subject, body, link)
         SELECT raised.tenant_id, gen_random_uuid(), u.email, $2, $3, $4
         FROM raised
         JOIN memberships m ON m.tenant_id = raised.tenant_id AND m.status = 'ACTIVE'
           AND m.role IN ('OWNER', 'ADMIN', 'BILLING_ADMIN')
         JOIN users u ON u.id = m.user_id
       )
       UPDATE tenant_billing_terms SET spending_alert_notified_for = $6::timestamptz
       WHERE tenant_id = $1::uuid`,
      [
        sql.tenantId,
        title,
        body,
        `${this.config.publicUrl}/billing`,
        `spending:${period.start.toISOString()}:${alert}`,
        period.start,
      ],
    );
  }
}
