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

  protected label(): string {
    const metric = this.metric();
    return `${metric.metricName} per day and in total this period, in ${metric.unit}`;
  }

  constructor() {
    // Draws once the canvas is in the page, and again whenever the usage changes.
    afterRenderEffect(() => this.draw());
    inject(DestroyRef).onDestroy(() => this.chart?.destroy());
  }

  private draw(): void {
    const data = buildUsageChart(
      this.metric(),
      { periodStart: this.periodStart(), periodEnd: this.periodEnd() },
      new Date(),
    );
    const colors = themeColors(this.canvas().nativeElement);
    const datasets: Series[] = [
      {
        type: 'bar',
        label: 'Per day',
        data: data.daily,
        backgroundColor: colors.primaryContainer,
        borderColor: colors.primary,
        borderWidth: 1,
        order: 3,
      },
      {
        type: 'line',
        label: 'Total this period',
        data: data.cumulative,
        borderColor: colors.primary,
        backgroundColor: colors.primary,
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
        borderColor: colors.primary,
        borderDash: [2, 4],
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
        borderColor: colors.error,
        borderDash: [8, 6],
        borderWidth: 1.5,
        pointRadius: 0,
        order: 0,
      });
    }
    const dayLabel = new Intl.DateTimeFormat(this.locale, { month: 'short', day: 'numeric', timeZone: 'UTC' });
    const labels = data.days.map((day) => dayLabel.format(new Date(day)));

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
          legend: { position: 'bottom', labels: { boxWidth: 12, color: colors.text } },
          tooltip: {
            filter: (item) => item.raw !== null,
          },
        },
        scales: {
          x: { grid: { display: false }, ticks: { color: colors.muted, maxRotation: 0, autoSkipPadding: 12 } },
          y: {
            beginAtZero: true,
            grid: { color: colors.grid },
            ticks: { color: colors.muted },
            title: { display: true, text: this.metric().unit, color: colors.muted },
          },
        },
      },
    });
  }
}

/** The Material theme's colours, so the chart follows light and dark mode. */
function themeColors(element: HTMLElement) {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    primary: read('--mat-sys-primary', '#3f51b5'),
    primaryContainer: read('--mat-sys-primary-container', '#c5cae9'),
    error: read('--mat-sys-error', '#b3261e'),
    text: read('--mat-sys-on-surface', '#1c1b1f'),
    muted: read('--mat-sys-on-surface-variant', '#49454f'),
    grid: read('--mat-sys-outline-variant', '#cac4d0'),
  };
}
