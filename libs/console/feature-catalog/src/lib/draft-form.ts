import { FormArray, FormControl, FormGroup, Validators } from '@angular/forms';
import type {
  BillingInterval,
  ChargeModel,
  PlanVersionFieldsFragment,
  PlanVersionInput,
  QuotaEnforcement,
} from '@warbler/console/data-access';
import { toMajorUnits, toMinorUnits } from './money';
import type { TierRow } from './tiers';

export type TierForm = FormGroup<{ [K in keyof TierRow]: FormControl<string> }>;

export type ChargeForm = FormGroup<{
  metricCode: FormControl<string>;
  model: FormControl<ChargeModel>;
  unitPrice: FormControl<string>;
  packageSize: FormControl<string>;
  includedUnits: FormControl<string>;
  tiers: FormArray<TierForm>;
}>;

export type QuotaForm = FormGroup<{
  metricCode: FormControl<string>;
  periodLimit: FormControl<string>;
  enforcement: FormControl<QuotaEnforcement>;
}>;

export type DraftForm = FormGroup<{
  currency: FormControl<string>;
  interval: FormControl<BillingInterval>;
  baseFee: FormControl<string>;
  seatUnitPrice: FormControl<string>;
  includedSeats: FormControl<number>;
  maxSeats: FormControl<number>;
  trialDays: FormControl<number>;
  charges: FormArray<ChargeForm>;
  quotas: FormArray<QuotaForm>;
}>;

const DECIMAL = Validators.pattern(/^\s*\d+(\.\d+)?\s*$/);
/** A decimal above zero: at least one digit that is not 0. */
const POSITIVE = Validators.pattern(/^\s*(?=[\d.]*[1-9])\d+(\.\d+)?\s*$/);
const WHOLE = [Validators.required, Validators.min(0), Validators.pattern(/^\d+$/)];

const text = (value: string, ...validators: ReturnType<typeof Validators.compose>[]) =>
  new FormControl(value, { nonNullable: true, validators: validators.filter((v) => v !== null) });

export function tierForm(tier: TierRow): TierForm {
  return new FormGroup({
    fromUnits: text(tier.fromUnits),
    upTo: text(tier.upTo),
    unitPrice: text(tier.unitPrice),
    flatFee: text(tier.flatFee),
  });
}

export function chargeForm(charge?: PlanVersionFieldsFragment['charges'][number], metricCode = ''): ChargeForm {
  const form: ChargeForm = new FormGroup({
    metricCode: text(charge?.metric.code ?? metricCode, Validators.required),
    model: new FormControl<ChargeModel>(charge?.model ?? 'PER_UNIT', { nonNullable: true }),
    unitPrice: text(charge?.unitPrice ?? ''),
    packageSize: text(charge?.packageSize ?? ''),
    includedUnits: text(charge?.includedUnits ?? '0', Validators.required, DECIMAL),
    tiers: new FormArray((charge?.tiers ?? []).map((tier) => tierForm({ ...tier, upTo: tier.upTo ?? '' }))),
  });
  checkFieldsOfModel(form);
  form.controls.model.valueChanges.subscribe(() => checkFieldsOfModel(form));
  return form;
}

/**
 * Only the fields the charge's model uses are checked: a price left in a field the model hides
 * (or left empty there) is not sent, so it must not keep the form from saving.
 */
function checkFieldsOfModel(charge: ChargeForm): void {
  const model = charge.controls.model.value;
  const { unitPrice, packageSize } = charge.controls;
  unitPrice.setValidators(model === 'PER_UNIT' || model === 'PACKAGE' ? [Validators.required, DECIMAL] : null);
  packageSize.setValidators(model === 'PACKAGE' ? [Validators.required, POSITIVE] : null);
  unitPrice.updateValueAndValidity({ emitEvent: false });
  packageSize.updateValueAndValidity({ emitEvent: false });
}

export function quotaForm(quota?: PlanVersionFieldsFragment['quotas'][number], metricCode = ''): QuotaForm {
  return new FormGroup({
    metricCode: text(quota?.metric.code ?? metricCode, Validators.required),
    periodLimit: text(quota?.periodLimit ?? '', Validators.required, DECIMAL),
    enforcement: new FormControl<QuotaEnforcement>(quota?.enforcement ?? 'HARD', { nonNullable: true }),
  });
}

/** The editor's form, filled from a draft version; the base fee is shown in major units. */
export function draftForm(version: PlanVersionFieldsFragment): DraftForm {
  return new FormGroup({
    currency: text(version.currency, Validators.required),
    interval: new FormControl<BillingInterval>(version.interval, { nonNullable: true }),
    baseFee: text(toMajorUnits(version.baseFeeMinor, version.currency), Validators.required, DECIMAL),
    seatUnitPrice: text(version.seatUnitPrice, Validators.required, DECIMAL),
    includedSeats: new FormControl(version.includedSeats, { nonNullable: true, validators: WHOLE }),
    maxSeats: new FormControl(version.maxSeats, { nonNullable: true, validators: WHOLE }),
    trialDays: new FormControl(version.trialDays, { nonNullable: true, validators: WHOLE }),
    charges: new FormArray(version.charges.map((charge) => chargeForm(charge))),
    quotas: new FormArray(version.quotas.map((quota) => quotaForm(quota))),
  });
}

/**
 * The form as the API's PlanVersionInput: only the fields each charge model uses, the base
 * fee in minor units. Null when the base fee cannot be expressed in the currency's minor unit.
 */
export function termsOf(form: DraftForm['value']): PlanVersionInput | null {
  const currency = form.currency ?? '';
  const baseFeeMinor = toMinorUnits(form.baseFee ?? '', currency);
  if (baseFeeMinor === null) return null;
  return {
    currency,
    interval: form.interval ?? 'MONTH',
    baseFeeMinor,
    seatUnitPrice: (form.seatUnitPrice ?? '').trim(),
    includedSeats: Number(form.includedSeats),
    maxSeats: Number(form.maxSeats),
    trialDays: Number(form.trialDays),
    charges: (form.charges ?? []).map((charge) => {
      const tiered = charge.model === 'GRADUATED' || charge.model === 'VOLUME';
      return {
        metricCode: charge.metricCode ?? '',
        model: charge.model ?? 'PER_UNIT',
        includedUnits: (charge.includedUnits ?? '0').trim() || '0',
        unitPrice: tiered ? null : (charge.unitPrice ?? '').trim() || null,
        packageSize: charge.model === 'PACKAGE' ? (charge.packageSize ?? '').trim() || null : null,
        tiers: tiered
          ? (charge.tiers ?? []).map((tier) => ({
              fromUnits: (tier.fromUnits ?? '').trim(),
              upTo: (tier.upTo ?? '').trim() || null,
              unitPrice: (tier.unitPrice ?? '').trim(),
              flatFee: (tier.flatFee ?? '').trim() || '0',
            }))
          : null,
      };
    }),
    quotas: (form.quotas ?? []).map((quota) => ({
      metricCode: quota.metricCode ?? '',
      periodLimit: (quota.periodLimit ?? '').trim(),
      enforcement: quota.enforcement ?? 'HARD',
    })),
  };
}
