import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, LOCALE_ID, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { liveQuery, RevenueSummaryGQL, userMessage } from '@warbler/console/data-access';
import { formatMoney } from '@warbler/console/feature-billing';
import { EmptyState, ErrorState, LoadingState, PageHeader } from '@warbler/console/ui';
import { minorUnitsOf } from '@warbler/shared/pricing';
import { RevenueChart } from './revenue-chart';
import { buildRevenueChart, currenciesOf, type RevenueMonth } from './revenue-chart-data';

const monthText = (at: Date) => at.toISOString().slice(0, 7);

/** Revenue per month from the issued invoices: invoiced, paid, outstanding, by plan, and MRR. */
@Component({
  selector: 'wb-revenue-page',
  imports: [
    DatePipe,
    FormsModule,
    MatFormFieldModule,
    MatInput,
    MatSelectModule,
    MatTableModule,
    PageHeader,
    EmptyState,
    ErrorState,
    LoadingState,
    RevenueChart,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './revenue-page.html',
  styleUrl: './revenue-page.scss',
})
export class RevenuePage {
  private readonly query = inject(RevenueSummaryGQL);
  private readonly locale = inject(LOCALE_ID);

  /** yyyy-mm, UTC months. */
  protected readonly fromMonth = signal(
    monthText(new Date(Date.UTC(new Date().getUTCFullYear() - 1, new Date().getUTCMonth() + 1, 1))),
  );
  protected readonly toMonth = signal(monthText(new Date()));
  private readonly range = computed(() => ({
    from: new Date(`${this.fromMonth()}-01T00:00:00Z`),
    to: new Date(`${this.toMonth()}-01T00:00:00Z`),
  }));
  protected readonly summary = liveQuery(
    () =>
      this.query.watch({
        variables: { from: this.range().from.toISOString(), to: this.range().to.toISOString() },
        fetchPolicy: 'network-only',
      }).valueChanges,
    (data) => data.revenueSummary,
  );
  protected readonly currencies = computed(() => currenciesOf(this.summary.data() ?? []));
  protected readonly chosenCurrency = signal<string | null>(null);
  protected readonly currency = computed<string | null>(() => this.chosenCurrency() ?? this.currencies()[0] ?? null);
  protected readonly months = computed<RevenueMonth[]>(() =>
    (this.summary.data() ?? []).filter((month) => month.currency === this.currency()),
  );
  protected readonly chart = computed(() => {
    const currency = this.currency();
    return currency
      ? buildRevenueChart(this.summary.data() ?? [], currency, this.range(), minorUnitsOf(currency))
      : null;
  });
  protected readonly columns = ['month', 'invoices', 'invoiced', 'paid', 'outstanding', 'mrr', 'plans'];
  protected readonly message = userMessage;

  protected setRange(which: 'from' | 'to', value: string): void {
    if (!/^\d{4}-\d{2}$/.test(value)) return;
    (which === 'from' ? this.fromMonth : this.toMonth).set(value);
    this.summary.reload();
  }

  protected money(minor: string): string {
    return formatMoney(minor, this.currency() ?? 'USD', this.locale);
  }

  protected plans(month: RevenueMonth): string {
    return month.byPlan.map((plan) => `${plan.planName} ${this.money(plan.invoicedMinor)}`).join(' · ');
  }
}
