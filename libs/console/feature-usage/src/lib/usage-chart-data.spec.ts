import { buildUsageChart, daysLeft, type MetricUsage, projectedTotal } from './usage-chart-data';

const period = { periodStart: '2026-11-01T00:00:00.000Z', periodEnd: '2026-11-06T00:00:00.000Z' };

function metric(overrides: Partial<MetricUsage> = {}): MetricUsage {
  return {
    metricCode: 'messages',
    metricName: 'Messages',
    unit: 'message',
    aggregation: 'COUNT',
    used: '30',
    projectedAtPeriodEnd: null,
    quota: null,
    daily: [
      { date: '2026-11-01T00:00:00.000Z', value: '10', cumulative: '10' },
      { date: '2026-11-03T00:00:00.000Z', value: '20', cumulative: '30' },
    ],
    ...overrides,
  };
}

describe('buildUsageChart', () => {
  const now = new Date('2026-11-03T15:00:00.000Z');

  it('spans every day of the period and leaves the days to come empty', () => {
    const chart = buildUsageChart(metric(), period, now);
    expect(chart.days).toEqual(['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05']);
    expect(chart.daily).toEqual([10, 0, 20, null, null]);
    expect(chart.cumulative).toEqual([10, 10, 30, null, null]);
  });

  it('draws no quota or projection when the plan has neither', () => {
    const chart = buildUsageChart(metric(), period, now);
    expect(chart.quota).toBeNull();
    expect(chart.projection).toBeNull();
  });

  it('draws the quota as a flat line over the whole period', () => {
    const chart = buildUsageChart(
      metric({
        quota: {
          limit: '100',
          enforcement: 'HARD',
          used: '30',
          remaining: '70',
          percentUsed: 30,
          status: 'OK',
          resetsAt: period.periodEnd,
        },
      }),
      period,
      now,
    );
    expect(chart.quota).toEqual([100, 100, 100, 100, 100]);
  });

  it('leaves off a quota far beyond what the period will use, so the usage stays readable', () => {
    const quota = {
      limit: '500',
      enforcement: 'HARD' as const,
      used: '30',
      remaining: '470',
      percentUsed: 6,
      status: 'OK' as const,
      resetsAt: period.periodEnd,
    };
    expect(buildUsageChart(metric({ quota, projectedAtPeriodEnd: '50' }), period, now).quota).toBeNull();
    expect(buildUsageChart(metric({ quota, projectedAtPeriodEnd: '130' }), period, now).quota).toHaveLength(5);
    const unused = metric({ quota, used: '0', daily: [] });
    expect(buildUsageChart(unused, period, now).quota).toHaveLength(5);
  });

  it("projects from today's running total to the projected total on the last day", () => {
    const chart = buildUsageChart(metric({ projectedAtPeriodEnd: '50' }), period, now);
    expect(chart.projection).toEqual([null, null, 30, null, 50]);
  });

  it('has nothing left to project on the last day of the period', () => {
    const chart = buildUsageChart(metric({ projectedAtPeriodEnd: '50' }), period, new Date('2026-11-05T12:00:00Z'));
    expect(chart.projection).toBeNull();
    expect(chart.cumulative).toEqual([10, 10, 30, 30, 30]);
  });
});

describe('projectedTotal', () => {
  const hard = {
    limit: '40',
    enforcement: 'HARD' as const,
    used: '30',
    remaining: '10',
    percentUsed: 75,
    status: 'OK' as const,
    resetsAt: period.periodEnd,
  };
  const now = new Date('2026-11-03T15:00:00.000Z');

  it('stops at a hard limit, which refuses usage beyond it', () => {
    expect(projectedTotal(metric({ projectedAtPeriodEnd: '50', quota: hard }), period, now)).toEqual({
      total: '40',
      reachesLimit: true,
    });
    expect(projectedTotal(metric({ projectedAtPeriodEnd: '35', quota: hard }), period, now)).toEqual({
      total: '35',
      reachesLimit: false,
    });
    const soft = { ...hard, enforcement: 'SOFT' as const };
    expect(projectedTotal(metric({ projectedAtPeriodEnd: '50', quota: soft }), period, now)?.total).toBe('50');
  });

  it('projects nothing from the first hours of a period', () => {
    const early = new Date('2026-11-01T05:00:00.000Z');
    expect(projectedTotal(metric({ projectedAtPeriodEnd: '5000' }), period, early)).toBeNull();
    expect(buildUsageChart(metric({ projectedAtPeriodEnd: '5000' }), period, early).projection).toBeNull();
  });
});

describe('daysLeft', () => {
  it('counts a started day as left', () => {
    expect(daysLeft(period.periodEnd, new Date('2026-11-03T15:00:00.000Z'))).toBe(3);
    expect(daysLeft(period.periodEnd, new Date('2026-11-07T00:00:00.000Z'))).toBe(0);
  });
});
