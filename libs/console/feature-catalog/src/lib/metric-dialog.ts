import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { CreateBillableMetricGQL, dataOf, type MetricAggregation, userMessage } from '@warbler/console/data-access';
import { map, type Observable } from 'rxjs';

export const AGGREGATIONS: { value: MetricAggregation; label: string; hint: string }[] = [
  { value: 'COUNT', label: 'Count', hint: 'How many events' },
  { value: 'SUM', label: 'Sum', hint: 'The total of the quantities' },
  { value: 'MAX', label: 'Maximum', hint: 'The largest quantity in the period' },
  { value: 'UNIQUE_COUNT', label: 'Unique count', hint: 'How many distinct values of a property' },
  { value: 'LATEST', label: 'Latest', hint: 'The last quantity sent in the period' },
];

/** A new billable metric: what tenants' software reports and plans charge for. */
@Component({
  selector: 'wb-metric-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatButton,
    MatFormFieldModule,
    MatInput,
    MatProgressBar,
    MatSelectModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()">
      <h2 mat-dialog-title>New billable metric</h2>
      <mat-dialog-content>
        @if (busy()) {
          <mat-progress-bar mode="indeterminate" aria-label="Creating the metric" />
        }
        @if (error(); as message) {
          <p class="error" role="alert">{{ message }}</p>
        }
        <mat-form-field appearance="outline">
          <mat-label>Code</mat-label>
          <input matInput formControlName="code" autocomplete="off" cdkFocusInitial />
          <mat-hint>What usage events name, e.g. api_calls; cannot change later</mat-hint>
          <mat-error>Lowercase letters, digits, _ and -, starting with a letter</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Name</mat-label>
          <input matInput formControlName="name" autocomplete="off" />
          <mat-error>Give the metric a name</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Description</mat-label>
          <textarea matInput formControlName="description" rows="2"></textarea>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Unit</mat-label>
          <input matInput formControlName="unit" autocomplete="off" />
          <mat-hint>As tenants read it, e.g. "message" or "GB"</mat-hint>
          <mat-error>Give the unit</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Aggregation</mat-label>
          <mat-select formControlName="aggregation">
            @for (aggregation of aggregations; track aggregation.value) {
              <mat-option [value]="aggregation.value">{{ aggregation.label }} – {{ aggregation.hint }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        @if (aggregation() === 'UNIQUE_COUNT') {
          <mat-form-field appearance="outline">
            <mat-label>Property</mat-label>
            <input matInput formControlName="property" autocomplete="off" />
            <mat-hint>The event property whose distinct values are counted, e.g. user_id</mat-hint>
            <mat-error>Name the property to count</mat-error>
          </mat-form-field>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="busy()">Create metric</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    mat-dialog-content {
      display: flex;
      flex-direction: column;
      gap: 4px;
      min-width: min(460px, 80vw);
    }
    .error {
      margin: 0 0 8px;
      padding: 12px 14px;
      border-radius: var(--mat-sys-corner-small);
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
  `,
})
export class MetricDialog {
  private readonly create = inject(CreateBillableMetricGQL);
  private readonly dialogRef = inject<MatDialogRef<MetricDialog, boolean>>(MatDialogRef);

  protected readonly aggregations = AGGREGATIONS;
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly form = new FormGroup({
    code: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.pattern(/^[a-z][a-z0-9_-]{0,62}$/)],
    }),
    name: new FormControl('', { nonNullable: true, validators: Validators.required }),
    description: new FormControl('', { nonNullable: true }),
    unit: new FormControl('', { nonNullable: true, validators: Validators.required }),
    aggregation: new FormControl<MetricAggregation>('COUNT', { nonNullable: true }),
    property: new FormControl('', { nonNullable: true }),
  });
  protected readonly aggregation = toSignal(this.form.controls.aggregation.valueChanges, {
    initialValue: this.form.controls.aggregation.value,
  });

  constructor() {
    // The property is asked for (and checked) only for UNIQUE_COUNT; a hidden field must not block the form.
    this.form.controls.aggregation.valueChanges.pipe(takeUntilDestroyed()).subscribe((aggregation) => {
      const { property } = this.form.controls;
      property.setValidators(aggregation === 'UNIQUE_COUNT' ? Validators.required : null);
      property.updateValueAndValidity();
    });
  }

  async submit(): Promise<void> {
    if (this.form.invalid || this.busy()) {
      this.form.markAllAsTouched();
      return;
    }
    const { code, name, description, unit, aggregation, property } = this.form.getRawValue();
    this.busy.set(true);
    this.error.set(null);
    try {
      await dataOf(
        this.create.mutate({
          variables: {
            input: {
              code,
              name: name.trim(),
              description: description.trim() || undefined,
              unit: unit.trim(),
              aggregation,
              property: aggregation === 'UNIQUE_COUNT' ? property.trim() : null,
            },
          },
        }),
      );
      this.dialogRef.close(true);
    } catch (error) {
      this.error.set(userMessage(error));
    } finally {
      this.busy.set(false);
    }
  }
}

export function openMetricDialog(dialog: MatDialog): Observable<boolean> {
  return dialog
    .open<MetricDialog, void, boolean>(MetricDialog, { width: '560px' })
    .afterClosed()
    .pipe(map((created) => created === true));
}
