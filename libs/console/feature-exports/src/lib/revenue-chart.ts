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
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { themeColors } from '@warbler/console/ui';
import type { RevenueChartData } from './revenue-chart-data';

// Only what this chart draws, so the rest of chart.js stays out of the bundle.
Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale);
Chart.register(Tooltip, Legend);

/** Invoiced, paid and outstanding per month as bars, MRR as a line, in one currency. */
@Component({
  selector: 'wb-revenue-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<canvas #canvas role="img" [attr.aria-label]="label()"></canvas>`,
  styles: `
    :host {
      display: block;
      position: relative;
      height: 300px;
    }
  `,
})
export class RevenueChart {
  readonly data = input.required<RevenueChartData>();
  readonly currency = input.required<string>();

  private readonly canvas = viewChild.required<ElementRef<HTMLCanvasElement>>('canvas');
  private readonly locale = inject(LOCALE_ID);
  private chart: Chart<'bar' | 'line', number[], string> | null = null;

  protected label(): string {
    const data = this.data();
    const total = data.invoiced.reduce((sum, value) => sum + value, 0);
    const money = new Intl.NumberFormat(this.locale, { style: 'currency', currency: this.currency() });
    return `Revenue per month in ${this.currency()}: ${money.format(total)} invoiced over ${data.months.length} months`;
  }

  constructor() {
    afterRenderEffect(() => this.draw());
    inject(DestroyRef).onDestroy(() => this.chart?.destroy());
  }

  private draw(): void {
    const data = this.data();
    const colors = themeColors(this.canvas().nativeElement);
    const monthLabel = new Intl.DateTimeFormat(this.locale, { month: 'short', year: '2-digit', timeZone: 'UTC' });
    const compact = new Intl.NumberFormat(this.locale, {
      style: 'currency',
      currency: this.currency(),
      notation: 'compact',
      maximumFractionDigits: 1,
    });
    this.chart?.destroy();
    this.chart = new Chart<'bar' | 'line', number[], string>(this.canvas().nativeElement, {
      type: 'bar',
      data: {
        labels: data.months.map((month) => monthLabel.format(new Date(month))),
        datasets: [
          { type: 'bar', label: 'Invoiced', data: data.invoiced, backgroundColor: colors.primaryContainer, order: 3 },
          { type: 'bar', label: 'Paid', data: data.paid, backgroundColor: colors.primary, order: 2 },
          { type: 'bar', label: 'Outstanding', data: data.outstanding, backgroundColor: colors.error, order: 1 },
          {
            type: 'line',
            label: 'MRR',
            data: data.mrr,
            borderColor: colors.text,
            backgroundColor: colors.text,
            borderWidth: 2,
            pointRadius: 2,
            order: 0,
          },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: 'index', intersect: false },
        plugins: {
          legend: {
            position: 'bottom',
            labels: {
              color: colors.text,
              usePointStyle: true,
              sort: (a, b) => (a.datasetIndex ?? 0) - (b.datasetIndex ?? 0),
            },
          },
        },
        scales: {
          x: { grid: { display: false }, ticks: { color: colors.muted } },
          y: {
            beginAtZero: true,
            grid: { color: colors.grid },
            ticks: { color: colors.muted, callback: (value) => compact.format(Number(value)) },
          },
        },
      },
    });
  }
}
