import { Prisma, type TenantStatus } from '@warbler/api/core';
import type { TenantCursor } from './tenant-cursor';

export interface TenantListCriteria {
  search?: string | null;
  planId?: string | null;
  status?: TenantStatus | null;
  pastDue?: boolean | null;
  overQuota?: boolean | null;
  /** One tenant only: the detail view and the answer of a suspension share the list's row. */
  tenantId?: string;
}

/** One row of the tenants list, as the statement below returns it. */
export interface TenantListRow {
  id: string;
  name: string;
  slug: string;
  status: TenantStatus;
  suspendedAt: Date | null;
  suspensionReason: string | null;
  stripeCustomerId: string | null;
  createdAt: Date;
  pastDueSince: Date | null;
  seatsPaid: number | null;
  planId: string | null;
  planCode: string | null;
  planName: string | null;
  planVersion: number | null;
  ownerEmail: string | null;
  seatsUsed: number;
  overQuota: boolean;
}

/** `LIKE` reads `%`, `_` and `\` in the pattern: searched text matches them literally. */
const likeAnywhere = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * A quota of the subscription's plan version that the current period's total has reached: a HARD one at
 * its limit (usage is refused), a SOFT one past it (overage is billed). Same as the tenant's own quota view.
 */
const OVER_QUOTA = Prisma.sql`EXISTS (
  SELECT 1 FROM plan_quotas q
  JOIN usage_period_totals u
    ON u.tenant_id = s.tenant_id AND u.metric_id = q.metric_id AND u.period_start = s.current_period_start
  WHERE q.plan_version_id = s.plan_version_id
    AND (u.value > q.period_limit OR (q.enforcement = 'HARD' AND u.value >= q.period_limit)))`;

function conditions(criteria: TenantListCriteria, after: TenantCursor | null): Prisma.Sql {
  const where: Prisma.Sql[] = [];
  if (criteria.tenantId) where.push(Prisma.sql`t.id = ${criteria.tenantId}::uuid`);
  const search = criteria.search?.trim();
  if (search) {
    const pattern = likeAnywhere(search);
    // Each arm can use its own index (trigram on name, slug and e-mail; unique on the Stripe id).
    where.push(Prisma.sql`(
      lower(t.name) LIKE ${pattern}
      OR lower(t.slug) LIKE ${pattern}
      OR t.stripe_customer_id = ${search}
      OR t.id IN (
        SELECT m.tenant_id FROM users o JOIN memberships m ON m.user_id = o.id
        WHERE lower(o.email) LIKE ${pattern} AND m.role = 'OWNER' AND m.status = 'ACTIVE'))`);
  }
  if (criteria.planId) {
    where.push(
      Prisma.sql`s.plan_version_id IN (SELECT v.id FROM plan_versions v WHERE v.plan_id = ${criteria.planId}::uuid)`,
    );
  }
  if (criteria.status) where.push(Prisma.sql`t.status::text = ${criteria.status}`);
  if (criteria.pastDue === true) where.push(Prisma.sql`s.past_due_since IS NOT NULL`);
  if (criteria.pastDue === false) where.push(Prisma.sql`s.past_due_since IS NULL`);
  if (criteria.overQuota === true) where.push(OVER_QUOTA);
  if (criteria.overQuota === false) where.push(Prisma.sql`NOT ${OVER_QUOTA}`);
  if (after) {
    where.push(Prisma.sql`(t.created_at, t.id) < (${after.createdAt}::timestamptz, ${after.id}::uuid)`);
  }
  return where.length ? Prisma.sql`WHERE ${Prisma.join(where, ' AND ')}` : Prisma.empty;
}

/**
 * One statement for a page: the filtered, ordered and limited tenant ids first, then the details of
 * those rows only (plan, owner, seats, quota standing), so a page costs the same however many tenants
 * match and nothing is read per row from the application.
 */
export function tenantListSql(criteria: TenantListCriteria, after: TenantCursor | null, limit: number): Prisma.Sql {
  return Prisma.sql`
    WITH page AS (
      SELECT t.id, t.created_at FROM tenants t
      LEFT JOIN subscriptions s ON s.tenant_id = t.id
      ${conditions(criteria, after)}
      ORDER BY t.created_at DESC, t.id DESC
      LIMIT ${limit}
    )
    SELECT t.id::text AS "id", t.name, t.slug, t.status::text AS "status", t.suspended_at AS "suspendedAt",
           t.suspension_reason AS "suspensionReason", t.stripe_customer_id AS "stripeCustomerId",
           t.created_at AS "createdAt", s.past_due_since AS "pastDueSince", s.seat_quantity AS "seatsPaid",
           p.id::text AS "planId", p.code AS "planCode", p.name AS "planName", pv.version AS "planVersion",
           owner.email AS "ownerEmail", COALESCE(seats.used, 0)::int AS "seatsUsed",
           (s.tenant_id IS NOT NULL AND ${OVER_QUOTA}) AS "overQuota"
    FROM page
    JOIN tenants t ON t.id = page.id
    LEFT JOIN subscriptions s ON s.tenant_id = t.id
    LEFT JOIN plan_versions pv ON pv.id = s.plan_version_id
    LEFT JOIN plans p ON p.id = pv.plan_id
    LEFT JOIN LATERAL (
      SELECT o.email FROM memberships m JOIN users o ON o.id = m.user_id
      WHERE m.tenant_id = t.id AND m.role = 'OWNER' AND m.status = 'ACTIVE'
      ORDER BY m.created_at, m.id LIMIT 1
    ) owner ON true
    LEFT JOIN LATERAL (
      SELECT count(*) AS used FROM memberships m
      WHERE m.tenant_id = t.id AND m.status = 'ACTIVE' AND m.seat_assigned
    ) seats ON true
    ORDER BY page.created_at DESC, page.id DESC`;
}
