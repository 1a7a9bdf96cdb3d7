import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, LOCALE_ID, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import {
  type BillingSubscriptionFieldsFragment,
  ChangeSubscriptionGQL,
  type ChangeTiming,
  dataOf,
  PreviewSubscriptionChangeGQL,
  type PreviewSubscriptionChangeQuery,
  type SubscriptionChangeInput,
  userMessage,
} from '@warbler/console/data-access';
import { seatsCarriedTo } from '@warbler/shared/pricing';
import { debounceTime, distinctUntilChanged, from, map, type Observable, of, startWith, switchMap } from 'rxjs';
import { MoneyLines } from '../lines/money-lines';
import { MoneyTotals, type TotalRow } from '../lines/money-totals';
import { formatMoney } from '../money';
import { type ChangeForm, changeRequest, type PlanOffer, sameRequest } from './change-request';
import { describeBaseFee, describeSeatPrice, newIdempotencyKey } from './plan-terms';

export interface ChangeSubscriptionData {
  subscription: BillingSubscriptionFieldsFragment;
  offers: readonly PlanOffer[];
  /** "seats" keeps the plan and asks only for the seat count. */
  mode: 'plan' | 'seats';
}

type Preview = PreviewSubscriptionChangeQuery['previewSubscriptionChange'];

type PreviewState =
  | { status: 'waiting'; problem: string }
  | { status: 'loading'; input: SubscriptionChangeInput }
  | { status: 'ready'; input: SubscriptionChangeInput; preview: Preview }
  | { status: 'failed'; input: SubscriptionChangeInput; message: string };

/**
 * Changes the plan or the seats. Every valid choice is previewed first: the prorated lines the change
 * adds to this period's invoice, what that invoice then comes to, and the fixed fees of the periods
 * after. Confirming sends the preview's instant back, so the invoice shows exactly these figures.
 */
@Component({
  selector: 'wb-change-subscription-dialog',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    MatDialogModule,
    MatButton,
    MatFormFieldModule,
    MatInput,
    MatProgressBar,
    MatRadioModule,
    MoneyLines,
    MoneyTotals,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './change-subscription-dialog.html',
  styleUrl: './change-subscription-dialog.scss',
})
export class ChangeSubscriptionDialog {
  private readonly previewQuery = inject(PreviewSubscriptionChangeGQL);
  private readonly changeMutation = inject(ChangeSubscriptionGQL);
  private readonly dialogRef =
    inject<MatDialogRef<ChangeSubscriptionDialog, BillingSubscriptionFieldsFragment>>(MatDialogRef);
  private readonly locale = inject(LOCALE_ID);
  protected readonly data = inject<ChangeSubscriptionData>(MAT_DIALOG_DATA);

  protected readonly subscription = this.data.subscription;
  protected readonly form = new FormGroup({
    planVersionId: new FormControl(this.subscription.planVersion.id, { nonNullable: true }),
    seats: new FormControl(String(this.subscription.seatQuantity), { nonNullable: true }),
    timing: new FormControl<ChangeTiming>('NOW', { nonNullable: true }),
  });
  protected readonly values = toSignal(this.form.valueChanges.pipe(map(() => this.form.getRawValue())), {
    initialValue: this.form.getRawValue(),
  });
  protected readonly offer = computed(
    () => this.data.offers.find((offer) => offer.version.id === this.values().planVersionId) ?? null,
  );
  protected readonly atPeriodEnd = computed(() => this.values().timing === 'PERIOD_END');
  protected readonly state = signal<PreviewState>({
    status: 'waiting',
    problem: 'Choose a change to see what it costs',
  });
  protected readonly preview = computed(() => {
    const state = this.state();
    return state.status === 'ready' ? state.preview : null;
  });
  protected readonly failure = computed(() => {
    const state = this.state();
    return state.status === 'failed' ? state.message : null;
  });
  protected readonly waiting = computed(() => {
    const state = this.state();
    return state.status === 'waiting' ? state.problem : null;
  });
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  /** One key per change asked for: a retry of it is recognised, a different change gets a new one. */
  private idempotencyKey = newIdempotencyKey();

  protected readonly changeTotals = computed<TotalRow[]>(() => {
    const state = this.state();
    if (state.status !== 'ready') return [];
    const { subtotalMinor, taxMinor, totalMinor } = state.preview;
    return [
      { label: 'Prorated lines', minor: subtotalMinor, testId: 'change-subtotal' },
      { label: 'Tax on them', minor: taxMinor, testId: 'change-tax' },
      { label: 'Added to this period', minor: totalMinor, emphasis: true, testId: 'change-total' },
    ];
  });

  constructor() {
    this.form.controls.planVersionId.valueChanges.pipe(takeUntilDestroyed()).subscribe((id) => {
      const offer = this.data.offers.find((each) => each.version.id === id);
      if (offer) {
        this.form.controls.seats.setValue(String(seatsCarriedTo(this.subscription.seatQuantity, offer.version)));
      }
    });
    this.form.controls.timing.valueChanges.pipe(takeUntilDestroyed()).subscribe((timing) => {
      const { seats } = this.form.controls;
      if (timing === 'PERIOD_END') seats.disable({ emitEvent: false });
      else seats.enable({ emitEvent: false });
    });
    this.form.valueChanges
      .pipe(
        startWith(null),
        map(() =>
          changeRequest(this.form.getRawValue() as ChangeForm, this.subscription, this.data.offers, this.locale),
        ),
        distinctUntilChanged((a, b) =>
          a.ok && b.ok ? sameRequest(a.input, b.input) : !a.ok && !b.ok && a.problem === b.problem,
        ),
        debounceTime(250),
        switchMap((request) =>
          request.ok
            ? this.previewOf(request.input)
            : of<PreviewState>({ status: 'waiting', problem: request.problem }),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((state) => {
        if (state.status === 'loading') this.idempotencyKey = newIdempotencyKey();
        this.error.set(null);
        this.state.set(state);
      });
  }

  protected describeBaseFee(offer: PlanOffer): string {
    return describeBaseFee(offer.version, this.locale);
  }

  protected describeSeatPrice(offer: PlanOffer): string {
    return describeSeatPrice(offer.version, this.locale);
  }

  protected money(minor: string, currency: string): string {
    return formatMoney(minor, currency, this.locale);
  }

  async confirm(): Promise<void> {
    const state = this.state();
    if (state.status !== 'ready' || this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    try {
      const input: SubscriptionChangeInput =
        state.input.timing === 'NOW' ? { ...state.input, effectiveAt: state.preview.effectiveAt } : state.input;
      const { changeSubscription } = await dataOf(
        this.changeMutation.mutate({ variables: { input, idempotencyKey: this.idempotencyKey } }),
      );
      this.dialogRef.close(changeSubscription);
    } catch (error) {
      this.error.set(userMessage(error));
      // Whatever refused it (an outdated preview, seats assigned meanwhile), the figures shown must be current.
      this.refreshPreview(state.input);
    } finally {
      this.busy.set(false);
    }
  }

  private refreshPreview(input: SubscriptionChangeInput): void {
    const message = this.error();
    this.previewOf(input).subscribe((state) => {
      if (state.status === 'loading') this.idempotencyKey = newIdempotencyKey();
      this.state.set(state);
      this.error.set(message);
    });
  }

  private previewOf(input: SubscriptionChangeInput): Observable<PreviewState> {
    return from(
      dataOf(this.previewQuery.fetch({ variables: { input }, fetchPolicy: 'no-cache' })).then(
        ({ previewSubscriptionChange }): PreviewState => ({
          status: 'ready',
          input,
          preview: previewSubscriptionChange,
        }),
        (error: unknown): PreviewState => ({ status: 'failed', input, message: userMessage(error) }),
      ),
    ).pipe(startWith<PreviewState>({ status: 'loading', input }));
  }
}

/** Emits the changed subscription, or undefined when the dialog was closed without a change. */
export function openChangeSubscriptionDialog(
  dialog: MatDialog,
  data: ChangeSubscriptionData,
): Observable<BillingSubscriptionFieldsFragment | undefined> {
  return dialog
    .open<ChangeSubscriptionDialog, ChangeSubscriptionData, BillingSubscriptionFieldsFragment>(
      ChangeSubscriptionDialog,
      { data, width: data.mode === 'plan' ? '1040px' : '640px', maxWidth: '95vw', autoFocus: 'first-tabbable' },
    )
    .afterClosed()
    .pipe(map((changed) => changed ?? undefined));
}
