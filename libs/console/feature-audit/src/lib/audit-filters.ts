import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { outputFromObservable } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButton } from '@angular/material/button';
import { provideNativeDateAdapter } from '@angular/material/core';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import type { AuditEventFilter } from '@warbler/console/data-access';
import { debounceTime, distinctUntilChanged, map } from 'rxjs';

/**
 * Narrows the log by action, target type and day. The API does not list its action names,
 * so the suggestions are the ones seen in the events loaded so far.
 */
@Component({
  selector: 'wb-audit-filters',
  imports: [
    ReactiveFormsModule,
    MatAutocompleteModule,
    MatButton,
    MatDatepickerModule,
    MatFormFieldModule,
    MatIcon,
    MatInput,
  ],
  providers: [provideNativeDateAdapter()],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form [formGroup]="form" class="filters" role="search" aria-label="Filter the audit log">
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Action</mat-label>
        <input matInput formControlName="action" [matAutocomplete]="actionOptions" placeholder="e.g. member.invited" />
        <mat-autocomplete #actionOptions="matAutocomplete">
          @for (action of knownActions(); track action) {
            <mat-option [value]="action">{{ action }}</mat-option>
          }
        </mat-autocomplete>
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Target type</mat-label>
        <input matInput formControlName="targetType" [matAutocomplete]="targetOptions" placeholder="e.g. Member" />
        <mat-autocomplete #targetOptions="matAutocomplete">
          @for (type of knownTargetTypes(); track type) {
            <mat-option [value]="type">{{ type }}</mat-option>
          }
        </mat-autocomplete>
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic" class="dates">
        <mat-label>Between</mat-label>
        <mat-date-range-input [rangePicker]="picker">
          <input matStartDate formControlName="from" placeholder="From" />
          <input matEndDate formControlName="to" placeholder="To" />
        </mat-date-range-input>
        <mat-datepicker-toggle matIconSuffix [for]="picker" />
        <mat-date-range-picker #picker />
      </mat-form-field>
      <button mat-button type="button" (click)="form.reset()" [disabled]="form.pristine">
        <mat-icon>filter_alt_off</mat-icon>
        Clear
      </button>
    </form>
  `,
  styles: `
    .filters {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 12px;
    }
    mat-form-field {
      flex: 1 1 180px;
    }
    .dates {
      flex: 1 1 260px;
    }
  `,
})
export class AuditFilters {
  readonly knownActions = input<readonly string[]>([]);
  readonly knownTargetTypes = input<readonly string[]>([]);

  protected readonly form = new FormGroup({
    action: new FormControl('', { nonNullable: true }),
    targetType: new FormControl('', { nonNullable: true }),
    from: new FormControl<Date | null>(null),
    to: new FormControl<Date | null>(null),
  });

  readonly filterChange = outputFromObservable(
    this.form.valueChanges.pipe(
      debounceTime(300),
      map(() => toFilter(this.form.getRawValue())),
      distinctUntilChanged((a, b) => JSON.stringify(a) === JSON.stringify(b)),
    ),
  );
}

interface FilterForm {
  action: string;
  targetType: string;
  from: Date | null;
  to: Date | null;
}

/** The form as the API's filter: blanks left out, and the end day counted in full. */
export function toFilter({ action, targetType, from, to }: FilterForm): AuditEventFilter {
  const filter: AuditEventFilter = {};
  if (action.trim()) filter.action = action.trim();
  if (targetType.trim()) filter.targetType = targetType.trim();
  if (from) filter.from = from.toISOString();
  if (to) filter.to = new Date(to.getFullYear(), to.getMonth(), to.getDate(), 23, 59, 59, 999).toISOString();
  return filter;
}
