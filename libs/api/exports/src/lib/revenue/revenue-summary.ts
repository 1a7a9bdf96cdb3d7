import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { Injectable } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsDate } from 'class-validator';
import { badInput, PlatformDatabase } from '@warbler/api/core';

@ObjectType('RevenueByPlan')
export class RevenueByPlanGql {
  @Field() planCode!: string;
  @Field() planName!: string;
  @Field({ description: 'Integer minor units of the month currency' }) invoicedMinor!: string;
}

@ObjectType('RevenueMonth', {
  description:
    'Issued invoices (OPEN or PAID) of one currency whose billing period starts in the month (UTC); amounts in minor units',
})
export class RevenueMonthGql {
  @Field({ description: 'First instant of the month, UTC' }) month!: Date;
  @Field() currency!: string;
  @Field(() => Int) invoiceCount!: number;
  @Field({ description: 'Sum of total_minor' }) invoicedMinor!: string;
  @Field() paidMinor!: string;
  @Field({ description: 'Taken back by credit notes' }) creditedMinor!: string;
  @Field({ description: 'Still owed on OPEN invoices: total − paid − credited' }) outstandingMinor!: string;
  @Field({
    description:
      'Recurring revenue (base fee and seat lines) of the invoices whose period covers the first of the month, yearly ones divided by 12',
  })
  mrrMinor!: string;
  @Field(() => [RevenueByPlanGql]) byPlan!: RevenueByPlanGql[];
}

@ArgsType()
export class RevenueSummaryArgs {
  @Field({ description: 'First month included (any instant in it)' })
  @IsDate()
  @Type(() => Date)
  from!: Date;

  @Field({ description: 'Last month included (any instant in it)' })
  @IsDate()
  @Type(() => Date)
  to!: Date;
}

interface MonthRow {
  month: Date;
  currency: string;
  invoice_count: number;
  invoiced: string;
  paid: string;
  credited: string;
  outstanding: string;
}

/** Finance's revenue per month from the invoices, across tenants (warbler_platform). */
@Injectable()
export class RevenueSummary {
  constructor(private readonly platform: PlatformDatabase) {}

  async months(from: Date, to: Date): Promise<RevenueMonthGql[]> {
    if (from > to) throw badInput('from must not be after to', 'BAD_REVENUE_RANGE');
    const first = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), 1));
    const afterLast = new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth() + 1, 1));
    if (
      (afterLast.getUTCFullYear() - first.getUTCFullYear()) * 12 + afterLast.getUTCMonth() - first.getUTCMonth() >
      120
    ) {
      throw badInput('The revenue summary covers at most 120 months', 'BAD_REVENUE_RANGE');
    }
    const db = this.platform.client;
    const rows = await db.$queryRaw<MonthRow[]>`
      SELECT date_trunc('month', i.period_start, 'UTC') AS month, i.currency,
        count(*)::int AS invoice_count,
        sum(i.total_minor)::text AS invoiced,
        sum(i.amount_paid_minor)::text AS paid,
        sum(i.amount_credited_minor)::text AS credited,
        sum(CASE WHEN i.status = 'OPEN'
                 THEN GREATEST(i.total_minor - i.amount_paid_minor - i.amount_credited_minor, 0) ELSE 0 END)::text AS outstanding
      FROM invoices i
      WHERE i.status IN ('OPEN', 'PAID') AND i.period_start >= ${first} AND i.period_start < ${afterLast}
      GROUP BY 1, 2 ORDER BY 1, 2`;
    const plans = await db.$queryRaw<{ month: Date; currency: string; code: string; name: string; invoiced: string }[]>`
      SELECT date_trunc('month', i.period_start, 'UTC') AS month, i.currency, p.code, p.name,
        sum(i.total_minor)::text AS invoiced
      FROM invoices i JOIN plan_versions pv ON pv.id = i.plan_version_id JOIN plans p ON p.id = pv.plan_id
      WHERE i.status IN ('OPEN', 'PAID') AND i.period_start >= ${first} AND i.period_start < ${afterLast}
      GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 5 DESC, 3`;
    const mrr = await db.$queryRaw<{ month: Date; currency: string; mrr: string }[]>`
      SELECT m.month, i.currency,
        round(sum(l.amount_minor::numeric / CASE pv.interval WHEN 'YEAR' THEN 12 ELSE 1 END))::bigint::text AS mrr
      FROM generate_series(${first}::timestamptz, ${afterLast}::timestamptz - interval '1 month', interval '1 month') AS m(month)
      JOIN invoices i ON i.period_start <= m.month AND i.period_end > m.month AND i.status IN ('OPEN', 'PAID')
      JOIN plan_versions pv ON pv.id = i.plan_version_id
      JOIN invoice_lines l ON l.tenant_id = i.tenant_id AND l.invoice_id = i.id AND l.kind IN ('BASE_FEE', 'SEATS')
      GROUP BY 1, 2`;
    const key = (month: Date, currency: string) => `${month.toISOString()}|${currency}`;
    const byMonth = new Map<string, RevenueMonthGql>();
    for (const row of rows) {
      byMonth.set(key(row.month, row.currency), {
        month: row.month,
        currency: row.currency,
        invoiceCount: row.invoice_count,
        invoicedMinor: row.invoiced,
        paidMinor: row.paid,
        creditedMinor: row.credited,
        outstandingMinor: row.outstanding,
        mrrMinor: '0',
        byPlan: [],
      });
    }
    const monthOf = (month: Date, currency: string) => {
      const found = byMonth.get(key(month, currency));
      if (found) return found;
      const empty: RevenueMonthGql = {
        month,
        currency,
        invoiceCount: 0,
        invoicedMinor: '0',
        paidMinor: '0',
        creditedMinor: '0',
        outstandingMinor: '0',
        mrrMinor: '0',
        byPlan: [],
      };
      byMonth.set(key(month, currency), empty);
      return empty;
    };
    for (const plan of plans) {
      monthOf(plan.month, plan.currency).byPlan.push({
        planCode: plan.code,
        planName: plan.name,
        invoicedMinor: plan.invoiced,
      });
    }
    for (const row of mrr) monthOf(row.month, row.currency).mrrMinor = row.mrr;
    return [...byMonth.values()].sort(
      (a, b) => a.month.getTime() - b.month.getTime() || a.currency.localeCompare(b.currency),
    );
  }
}
