import {
  afterRenderEffect,
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  type ElementRef,
  inject,
  input,
  LOCALE_ID,
  viewChild,
} from '@angular/core';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartDataset,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { themeColors } from '@warbler/console/ui';
import { formatQuantity } from './quantity';
import { buildUsageChart, type MetricUsage } from './usage-chart-data';

// Only what these charts draw, so the rest of chart.js stays out of the bundle.
Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale);
Chart.register(Tooltip, Legend, Filler);

type Series = ChartDataset<'bar' | 'line', (number | null)[]>;

/** One metric over the billing period: daily bars, running total, quota and projection. */
@Component({
  selector: 'wb-usage-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<canvas #canvas role="img" [attr.aria-label]="label()"></canvas>`,
  styles: `
    :host {
      display: block;
      position: relative;
      height: 260px;
    }
  `,
})
export class UsageChart {
  readonly metric = input.required<MetricUsage>();
  readonly periodStart = input.required<string>();
  readonly periodEnd = input.required<string>();

  private readonly canvas = viewChild.required<ElementRef<HTMLCanvasElement>>('canvas');
  private readonly locale = inject(LOCALE_ID);
  private chart: Chart<'bar' | 'line', (number | null)[], string> | null = null;

  /** What the canvas shows, for people who cannot see it: the total so far and the limit. */
  protected label(): string {
    const metric = this.metric();
    const used = `${formatQuantity(metric.used, this.locale)} ${metric.unit} used`;
    const limit = metric.quota ? ` of ${formatQuantity(metric.quota.limit, this.locale)}` : '';
    return `${metric.metricName}: ${used}${limit} this period, per day and in total`;
  }

  constructor() {
    // Draws once the canvas is in the page, and again whenever the usage changes.
    afterRenderEffect(() => this.draw());
    inject(DestroyRef).onDestroy(() => this.chart?.destroy());
  }

  private draw(): void {
    const metric = this.metric();
    const data = buildUsageChart(metric, { periodStart: this.periodStart(), periodEnd: this.periodEnd() }, new Date());
    const colors = themeColors(this.canvas().nativeElement);
    // A peak or a latest value does not add up over days: both series share one axis and wording.
    const adds = metric.aggregation !== 'MAX' && metric.aggregation !== 'LATEST';
    const runningLabel = adds ? 'Total this period' : metric.aggregation === 'MAX' ? 'Highest so far' : 'Latest';
    const datasets: Series[] = [
      {
        type: 'bar',
        label: adds ? 'Per day' : metric.aggregation === 'MAX' ? 'Highest of the day' : 'Last of the day',
        data: data.daily,
        yAxisID: adds ? 'daily' : 'total',
        pointStyle: 'rect',
        backgroundColor: colors.primaryContainer,
        borderColor: colors.primaryContainer,
        borderRadius: 2,
        // Drawn behind the lines.
        order: 3,
      },
      {
        type: 'line',
        label: runningLabel,
        data: data.cumulative,
        pointStyle: 'line',
        yAxisID: 'total',
        borderColor: colors.primary,
        backgroundColor: colors.primary,
        borderWidth: 2,
        pointRadius: 0,
        tension: 0.2,
        order: 1,
      },
    ];
    if (data.projection) {
      datasets.push({
        type: 'line',
        label: 'Projected',
        data: data.projection,
        pointStyle: 'line',
        yAxisID: 'total',
        borderColor: colors.primary,
        backgroundColor: colors.primary,
        borderDash: [3, 4],
        borderWidth: 2,
        pointRadius: 0,
        spanGaps: true,
        order: 2,
      });
    }
    if (data.quota) {
      datasets.push({
        type: 'line',
        label: 'Quota',
        data: data.quota,
        pointStyle: 'line',
        yAxisID: 'total',
        borderColor: colors.error,
        backgroundColor: colors.error,
        borderDash: [8, 6],
        borderWidth: 1.5,
        pointRadius: 0,
        order: 0,
      });
    }
    const dayLabel = new Intl.DateTimeFormat(this.locale, { month: 'short', day: 'numeric', timeZone: 'UTC' });
    const labels = data.days.map((day) => dayLabel.format(new Date(day)));
    const number = new Intl.NumberFormat(this.locale, { notation: 'compact', maximumFractionDigits: 1 });
    const ticks = { color: colors.muted, callback: (value: number | string) => number.format(Number(value)) };

    this.chart?.destroy();
    this.chart = new Chart<'bar' | 'line', (number | null)[], string>(this.canvas().nativeElement, {
      type: 'bar',
      data: { labels, datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: 'index', intersect: false },
        plugins: {
          legend: {
            position: 'bottom',
            // In the order the series were added, not their drawing order.
            labels: {
              usePointStyle: true,
              boxWidth: 16,
              color: colors.text,
              sort: (a, b) => (a.datasetIndex ?? 0) - (b.datasetIndex ?? 0),
            },
          },
          tooltip: {
            filter: (item) => item.raw !== null,
          },
        },
        scales: {
          x: { grid: { display: false }, ticks: { color: colors.muted, maxRotation: 0, autoSkipPadding: 12 } },
          // The running total and the daily amounts differ by the length of the period: each gets its own axis.
          total: {
            position: 'left',
            beginAtZero: true,
            grid: { color: colors.grid },
            ticks,
            title: { display: true, text: adds ? `${metric.unit} in total` : metric.unit, color: colors.muted },
          },
          daily: {
            display: adds,
            position: 'right',
            beginAtZero: true,
            grid: { display: false },
            ticks,
            title: { display: true, text: `${metric.unit} per day`, color: colors.muted },
          },
        },
      },
    });
  }
}
