import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  type OnInit,
  output,
  signal,
} from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import {
  type BillableMetricFieldsFragment,
  type ChargeModel,
  dataOf,
  DiscardPlanDraftGQL,
  type PlanVersionFieldsFragment,
  PublishPlanVersionGQL,
  UpdatePlanDraftGQL,
  userMessage,
} from '@warbler/console/data-access';
import { confirmAction, Notifier } from '@warbler/console/ui';
import { minorUnitsOf, SUPPORTED_CURRENCIES } from '@warbler/shared/pricing';
import { firstValueFrom } from 'rxjs';
import { chargeForm, type ChargeForm, draftForm, type DraftForm, quotaForm, termsOf, tierForm } from './draft-form';
import { TierEditor, tiersValid } from './tier-editor';
import { nextTier } from './tiers';

const MODELS: { value: ChargeModel; label: string }[] = [
  { value: 'PER_UNIT', label: 'Per unit' },
  { value: 'GRADUATED', label: 'Graduated tiers' },
  { value: 'VOLUME', label: 'Volume tiers' },
  { value: 'PACKAGE', label: 'Package' },
];

/** The terms of a plan's draft version: edit, save, publish or discard. */
@Component({
  selector: 'wb-draft-editor',
  imports: [
    ReactiveFormsModule,
    MatButton,
    MatIconButton,
    MatFormFieldModule,
    MatIcon,
    MatInput,
    MatProgressBar,
    MatSelectModule,
    TierEditor,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './draft-editor.html',
  styleUrl: './draft-editor.scss',
})
export class DraftEditor implements OnInit {
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly updateDraft = inject(UpdatePlanDraftGQL);
  private readonly publishVersion = inject(PublishPlanVersionGQL);
  private readonly discardDraft = inject(DiscardPlanDraftGQL);

  readonly draft = input.required<PlanVersionFieldsFragment>();
  readonly metrics = input.required<readonly BillableMetricFieldsFragment[]>();
  readonly canEdit = input(false);
  readonly canPublish = input(false);
  /** After a save, publish or discard, so the page reads the plan again. */
  readonly changed = output<'saved' | 'published' | 'discarded'>();

  protected form!: DraftForm;
  protected readonly currencies = SUPPORTED_CURRENCIES;
  protected readonly models = MODELS;
  protected readonly busy = signal(false);
  /** The server's refusal, one line per problem it listed. */
  protected readonly serverProblems = signal<string[]>([]);
  protected readonly formProblem = signal<string | null>(null);
  protected readonly activeMetrics = computed(() => this.metrics().filter((metric) => !metric.archivedAt));

  ngOnInit(): void {
    this.form = draftForm(this.draft());
    if (!this.canEdit()) this.form.disable();
  }

  protected metricName(code: string): string {
    return this.metrics().find((metric) => metric.code === code)?.name ?? code;
  }

  protected currencyPlaces(): number {
    return minorUnitsOf(this.form.controls.currency.value);
  }

  protected isTiered(charge: ChargeForm): boolean {
    return charge.controls.model.value === 'GRADUATED' || charge.controls.model.value === 'VOLUME';
  }

  protected modelChanged(charge: ChargeForm): void {
    if (this.isTiered(charge) && charge.controls.tiers.length === 0) {
      charge.controls.tiers.push(tierForm(nextTier([])));
    }
  }

  protected addCharge(): void {
    const used = new Set(this.form.controls.charges.getRawValue().map((charge) => charge.metricCode));
    this.form.controls.charges.push(chargeForm(undefined, this.activeMetrics().find((m) => !used.has(m.code))?.code));
    this.form.markAsDirty();
  }

  protected addQuota(): void {
    const used = new Set(this.form.controls.quotas.getRawValue().map((quota) => quota.metricCode));
    this.form.controls.quotas.push(quotaForm(undefined, this.activeMetrics().find((m) => !used.has(m.code))?.code));
    this.form.markAsDirty();
  }

  protected removeCharge(index: number): void {
    this.form.controls.charges.removeAt(index);
    this.form.markAsDirty();
  }

  protected removeQuota(index: number): void {
    this.form.controls.quotas.removeAt(index);
    this.form.markAsDirty();
  }

  async save(): Promise<boolean> {
    const terms = this.checkedTerms();
    if (!terms || this.busy()) return false;
    this.busy.set(true);
    this.serverProblems.set([]);
    try {
      await dataOf(this.updateDraft.mutate({ variables: { versionId: this.draft().id, terms } }));
      this.form.markAsPristine();
      this.notifier.success(`Draft v${this.draft().version} saved`);
      this.changed.emit('saved');
      return true;
    } catch (error) {
      this.serverProblems.set(problemLines(userMessage(error)));
      return false;
    } finally {
      this.busy.set(false);
    }
  }

  async publish(): Promise<void> {
    const version = this.draft().version;
    const confirmed = await firstValueFrom(
      confirmAction(this.dialog, {
        title: `Publish v${version}?`,
        message:
          'New subscriptions get these terms from now on. Tenants stay on their version until moved, and a published version can no longer be edited.',
        confirmLabel: 'Publish',
      }),
    );
    if (!confirmed) return;
    if (this.form.dirty && !(await this.save())) return;
    this.busy.set(true);
    this.serverProblems.set([]);
    try {
      await dataOf(this.publishVersion.mutate({ variables: { versionId: this.draft().id } }));
      this.notifier.success(`v${version} published`);
      this.changed.emit('published');
    } catch (error) {
      this.serverProblems.set(problemLines(userMessage(error)));
    } finally {
      this.busy.set(false);
    }
  }

  async discard(): Promise<void> {
    const confirmed = await firstValueFrom(
      confirmAction(this.dialog, {
        title: `Discard draft v${this.draft().version}?`,
        message: 'Its terms are deleted. The published versions stay as they are.',
        confirmLabel: 'Discard draft',
        destructive: true,
      }),
    );
    if (!confirmed) return;
    this.busy.set(true);
    try {
      await dataOf(this.discardDraft.mutate({ variables: { versionId: this.draft().id } }));
      this.notifier.success('Draft discarded');
      this.changed.emit('discarded');
    } catch (error) {
      this.notifier.error(userMessage(error));
    } finally {
      this.busy.set(false);
    }
  }

  /** The terms to send, or null after saying what to fix first. */
  private checkedTerms() {
    this.form.markAllAsTouched();
    const tiered = this.form.controls.charges.controls.filter((charge) => this.isTiered(charge));
    if (this.form.invalid || !tiered.every((charge) => tiersValid(charge.controls.tiers))) {
      this.formProblem.set('Some fields need fixing first; they are marked in red.');
      return null;
    }
    const terms = termsOf(this.form.getRawValue());
    if (!terms) {
      this.formProblem.set(
        `The base fee must be an amount in ${this.form.controls.currency.value} with at most ${this.currencyPlaces()} decimals.`,
      );
      return null;
    }
    this.formProblem.set(null);
    return terms;
  }
}

/** The API lists several problems in one message ("charges[0].tiers[1].fromUnits: …; quotas[0]…"). */
export function problemLines(message: string): string[] {
  return message
    .split(/;\s+|\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}
