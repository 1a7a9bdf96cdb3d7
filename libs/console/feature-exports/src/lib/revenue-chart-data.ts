import type { RevenueSummaryQuery } from '@warbler/console/data-access';

export type RevenueMonth = RevenueSummaryQuery['revenueSummary'][number];

export interface RevenueChartData {
  /** First instant of each month, UTC, every month of the range whether it had invoices or not. */
  months: string[];
  /** Major units of the currency, for the axis; the table shows the exact amounts. */
  invoiced: number[];
  paid: number[];
  outstanding: number[];
  mrr: number[];
}

/** The currencies the summary holds, the most invoiced first. */
export function currenciesOf(months: RevenueMonth[]): string[] {
  const totals = new Map<string, bigint>();
  for (const month of months)
    totals.set(month.currency, (totals.get(month.currency) ?? 0n) + BigInt(month.invoicedMinor));
  return [...totals]
    .sort((a, b) => (b[1] > a[1] ? 1 : b[1] < a[1] ? -1 : a[0].localeCompare(b[0])))
    .map(([code]) => code);
}

/** Every month from `from` through `to` (UTC), each as its first instant. */
export function monthsBetween(from: Date, to: Date): string[] {
  const months: string[] = [];
  for (
    let month = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), 1));
    month <= to;
    month = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 1))
  ) {
    months.push(month.toISOString());
  }
  return months;
}

export function buildRevenueChart(
  summary: RevenueMonth[],
  currency: string,
  range: { from: Date; to: Date },
  minorDigits: number,
): RevenueChartData {
  const months = monthsBetween(range.from, range.to);
  const byMonth = new Map(
    summary.filter((month) => month.currency === currency).map((month) => [new Date(month.month).toISOString(), month]),
  );
  const major = (minor: string | undefined) => Number(minor ?? '0') / 10 ** minorDigits;
  return {
    months,
    invoiced: months.map((month) => major(byMonth.get(month)?.invoicedMinor)),
    paid: months.map((month) => major(byMonth.get(month)?.paidMinor)),
    outstanding: months.map((month) => major(byMonth.get(month)?.outstandingMinor)),
    mrr: months.map((month) => major(byMonth.get(month)?.mrrMinor)),
  };
}
