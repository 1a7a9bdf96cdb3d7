import { buildRevenueChart, currenciesOf, monthsBetween, type RevenueMonth } from './revenue-chart-data';

const month = (
  iso: string,
  currency: string,
  invoicedMinor: string,
  extra: Partial<RevenueMonth> = {},
): RevenueMonth => ({
  month: iso,
  currency,
  invoiceCount: 1,
  invoicedMinor,
  paidMinor: '0',
  creditedMinor: '0',
  outstandingMinor: invoicedMinor,
  mrrMinor: '0',
  byPlan: [],
  ...extra,
});

describe('revenue chart data', () => {
  it('lists every month of the range, those without invoices too', () => {
    expect(monthsBetween(new Date('2026-10-15T00:00:00Z'), new Date('2027-01-02T00:00:00Z'))).toEqual([
      '2026-10-01T00:00:00.000Z',
      '2026-11-01T00:00:00.000Z',
      '2026-12-01T00:00:00.000Z',
      '2027-01-01T00:00:00.000Z',
    ]);
  });

  it('puts one currency in major units, zero for a month without invoices', () => {
    const chart = buildRevenueChart(
      [
        month('2026-10-01T00:00:00.000Z', 'USD', '12345', {
          paidMinor: '10000',
          outstandingMinor: '2345',
          mrrMinor: '9900',
        }),
        month('2026-12-01T00:00:00.000Z', 'USD', '500'),
        month('2026-10-01T00:00:00.000Z', 'EUR', '99999'),
      ],
      'USD',
      { from: new Date('2026-10-01T00:00:00Z'), to: new Date('2026-12-31T00:00:00Z') },
      2,
    );
    expect(chart.invoiced).toEqual([123.45, 0, 5]);
    expect(chart.paid).toEqual([100, 0, 0]);
    expect(chart.outstanding).toEqual([23.45, 0, 5]);
    expect(chart.mrr).toEqual([99, 0, 0]);
  });

  it('offers the most invoiced currency first', () => {
    expect(
      currenciesOf([
        month('2026-10-01T00:00:00Z', 'EUR', '10'),
        month('2026-10-01T00:00:00Z', 'USD', '900'),
        month('2026-11-01T00:00:00Z', 'EUR', '5'),
      ]),
    ).toEqual(['USD', 'EUR']);
  });
});
