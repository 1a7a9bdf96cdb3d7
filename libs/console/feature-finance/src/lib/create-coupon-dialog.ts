import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import {
  type CouponFieldsFragment,
  CouponPlansGQL,
  CreateCouponGQL,
  dataOf,
  liveQuery,
  userMessage,
} from '@warbler/console/data-access';
import { SUPPORTED_CURRENCIES } from '@warbler/shared/pricing';
import { map, type Observable } from 'rxjs';
import { checkCouponDraft, type CouponDraft, type CouponDraftField } from './coupon-draft';

/** Creates a coupon: what it takes off, for how long, for which plans, how often and until when. */
@Component({
  selector: 'wb-create-coupon-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatButton,
    MatButtonToggleModule,
    MatFormFieldModule,
    MatInput,
    MatProgressBar,
    MatSelectModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()">
      <h2 mat-dialog-title>New coupon</h2>
      <mat-dialog-content>
        @if (busy()) {
          <mat-progress-bar mode="indeterminate" aria-label="Creating the coupon" />
        }
        @if (error(); as message) {
          <p class="error" role="alert">{{ message }}</p>
        }
        <div class="row">
          <mat-form-field appearance="outline">
            <mat-label>Code</mat-label>
            <input matInput formControlName="code" autocomplete="off" spellcheck="false" cdkFocusInitial />
            <mat-hint>Tenants type it in any case</mat-hint>
            @if (problem('code'); as text) {
              <mat-error>{{ text }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Name on the invoice</mat-label>
            <input matInput formControlName="name" autocomplete="off" />
            @if (problem('name'); as text) {
              <mat-error>{{ text }}</mat-error>
            }
          </mat-form-field>
        </div>

        <mat-button-toggle-group formControlName="kind" aria-label="Kind of discount">
          <mat-button-toggle value="PERCENTAGE">Percentage</mat-button-toggle>
          <mat-button-toggle value="FIXED_AMOUNT">Fixed amount</mat-button-toggle>
        </mat-button-toggle-group>
        @if (form.controls.kind.value === 'PERCENTAGE') {
          <mat-form-field appearance="outline">
            <mat-label>Percent off</mat-label>
            <input matInput formControlName="percentOff" inputmode="decimal" autocomplete="off" />
            <span matTextSuffix>%</span>
            @if (problem('percentOff'); as text) {
              <mat-error>{{ text }}</mat-error>
            }
          </mat-form-field>
        } @else {
          <div class="row">
            <mat-form-field appearance="outline">
              <mat-label>Amount off</mat-label>
              <input matInput formControlName="amountOff" inputmode="decimal" autocomplete="off" />
              @if (problem('amountOff'); as text) {
                <mat-error>{{ text }}</mat-error>
              }
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>Currency</mat-label>
              <mat-select formControlName="currency">
                @for (currency of currencies; track currency) {
                  <mat-option [value]="currency">{{ currency }}</mat-option>
                }
              </mat-select>
              <mat-hint>Applies only to plans billed in it</mat-hint>
            </mat-form-field>
          </div>
        }

        <div class="row">
          <mat-form-field appearance="outline">
            <mat-label>Duration</mat-label>
            <mat-select formControlName="duration">
              <mat-option value="ONCE">Once: the next period invoice</mat-option>
              <mat-option value="REPEATING">Repeating: a number of periods</mat-option>
              <mat-option value="FOREVER">Forever</mat-option>
            </mat-select>
          </mat-form-field>
          @if (form.controls.duration.value === 'REPEATING') {
            <mat-form-field appearance="outline">
              <mat-label>Periods</mat-label>
              <input matInput formControlName="durationPeriods" inputmode="numeric" autocomplete="off" />
              @if (problem('durationPeriods'); as text) {
                <mat-error>{{ text }}</mat-error>
              }
            </mat-form-field>
          }
        </div>

        <mat-form-field appearance="outline">
          <mat-label>Limited to plans</mat-label>
          <mat-select formControlName="planIds" multiple>
            @for (plan of plans.data() ?? []; track plan.id) {
              <mat-option [value]="plan.id">{{ plan.name }} ({{ plan.code }})</mat-option>
            }
          </mat-select>
          <mat-hint>None: any plan</mat-hint>
        </mat-form-field>

        <div class="row">
          <mat-form-field appearance="outline">
            <mat-label>Redemption limit</mat-label>
            <input matInput formControlName="maxRedemptions" inputmode="numeric" autocomplete="off" />
            <mat-hint>Across all tenants; empty: no limit</mat-hint>
            @if (problem('maxRedemptions'); as text) {
              <mat-error>{{ text }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Redeem by</mat-label>
            <input matInput type="date" formControlName="redeemBy" />
            <mat-hint>Last day (UTC); empty: no expiry</mat-hint>
            @if (problem('redeemBy'); as text) {
              <mat-error>{{ text }}</mat-error>
            }
          </mat-form-field>
        </div>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="busy()">Create coupon</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    mat-dialog-content {
      display: flex;
      flex-direction: column;
      gap: 12px;
      min-width: min(560px, 84vw);
    }
    .row {
      display: flex;
      gap: 12px;
    }
    .row mat-form-field {
      flex: 1;
    }
    mat-button-toggle-group {
      align-self: flex-start;
    }
    .error {
      margin: 0;
      padding: 12px 14px;
      border-radius: var(--mat-sys-corner-small);
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
  `,
})
export class CreateCouponDialog {
  private readonly createMutation = inject(CreateCouponGQL);
  private readonly plansQuery = inject(CouponPlansGQL);
  private readonly dialogRef = inject<MatDialogRef<CreateCouponDialog, CouponFieldsFragment>>(MatDialogRef);

  protected readonly currencies = SUPPORTED_CURRENCIES;
  protected readonly plans = liveQuery(
    () => this.plansQuery.watch().valueChanges,
    (data) => data.plans.filter((plan) => plan.archivedAt === null),
  );
  protected readonly form = new FormGroup({
    code: new FormControl('', { nonNullable: true }),
    name: new FormControl('', { nonNullable: true }),
    kind: new FormControl<CouponDraft['kind']>('PERCENTAGE', { nonNullable: true }),
    percentOff: new FormControl('', { nonNullable: true }),
    amountOff: new FormControl('', { nonNullable: true }),
    currency: new FormControl('USD', { nonNullable: true }),
    duration: new FormControl<CouponDraft['duration']>('ONCE', { nonNullable: true }),
    durationPeriods: new FormControl('3', { nonNullable: true }),
    planIds: new FormControl<string[]>([], { nonNullable: true }),
    maxRedemptions: new FormControl('', { nonNullable: true }),
    redeemBy: new FormControl('', { nonNullable: true }),
  });
  protected readonly problems = signal<Partial<Record<CouponDraftField, string>>>({});
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected problem(field: CouponDraftField): string | null {
    return this.problems()[field] ?? null;
  }

  async submit(): Promise<void> {
    if (this.busy()) return;
    const checked = checkCouponDraft(this.form.getRawValue());
    if (!checked.ok) {
      this.problems.set(checked.problems);
      for (const field of Object.keys(checked.problems) as CouponDraftField[]) {
        const control = this.form.controls[field];
        control.setErrors({ draft: true });
        control.markAsTouched();
      }
      return;
    }
    this.problems.set({});
    this.busy.set(true);
    this.error.set(null);
    try {
      const { createCoupon } = await dataOf(this.createMutation.mutate({ variables: { input: checked.input } }));
      this.dialogRef.close(createCoupon);
    } catch (error) {
      this.error.set(userMessage(error));
    } finally {
      this.busy.set(false);
    }
  }
}

/** Emits the new coupon, or undefined when the dialog was cancelled. */
export function openCreateCouponDialog(dialog: MatDialog): Observable<CouponFieldsFragment | undefined> {
  return dialog
    .open<CreateCouponDialog, void, CouponFieldsFragment>(CreateCouponDialog, { width: '640px' })
    .afterClosed()
    .pipe(map((created) => created ?? undefined));
}
