import { ChangeDetectionStrategy, Component, DestroyRef, inject, input, type OnInit, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { type FormArray, ReactiveFormsModule } from '@angular/forms';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { startWith } from 'rxjs';
import { tierForm, type TierForm } from './draft-form';
import { nextTier, type TierRow, tierProblems } from './tiers';

/** The tiers of a GRADUATED or VOLUME charge, one row each, checked as they are typed. */
@Component({
  selector: 'wb-tier-editor',
  imports: [ReactiveFormsModule, MatButton, MatIconButton, MatFormFieldModule, MatIcon, MatInput],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @for (tier of tiers().controls; track tier; let index = $index) {
      <div class="tier" [formGroup]="tier" role="group" [attr.aria-label]="'Tier ' + (index + 1)">
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>From</mat-label>
          <input matInput formControlName="fromUnits" inputmode="decimal" />
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic" floatLabel="always">
          <mat-label>Up to</mat-label>
          <input matInput formControlName="upTo" inputmode="decimal" placeholder="No limit" />
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Unit price ({{ currency() }})</mat-label>
          <input matInput formControlName="unitPrice" inputmode="decimal" />
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Flat fee ({{ currency() }})</mat-label>
          <input matInput formControlName="flatFee" inputmode="decimal" />
        </mat-form-field>
        <button
          mat-icon-button
          type="button"
          [attr.aria-label]="'Remove tier ' + (index + 1)"
          [disabled]="tiers().disabled"
          (click)="remove(index)"
        >
          <mat-icon>delete_outline</mat-icon>
        </button>
        @if (problems()[index]; as problem) {
          <p class="problem" role="alert">Tier {{ index + 1 }}: {{ problem }}</p>
        }
      </div>
    } @empty {
      <p class="problem">Add at least one tier.</p>
    }
    <button mat-button type="button" [disabled]="tiers().disabled" (click)="add()">
      <mat-icon>add</mat-icon>
      Add tier
    </button>
  `,
  styles: `
    :host {
      display: grid;
      gap: 8px;
    }
    .tier {
      display: grid;
      grid-template-columns: repeat(4, minmax(100px, 1fr)) 40px;
      gap: 8px;
      align-items: center;
    }
    .problem {
      grid-column: 1 / -1;
      margin: 0;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-error);
    }
    button[mat-button] {
      justify-self: start;
    }
  `,
})
export class TierEditor implements OnInit {
  private readonly destroyRef = inject(DestroyRef);
  readonly tiers = input.required<FormArray<TierForm>>();
  readonly currency = input.required<string>();
  protected readonly problems = signal<(string | null)[]>([]);

  ngOnInit(): void {
    const tiers = this.tiers();
    tiers.valueChanges
      .pipe(startWith(null), takeUntilDestroyed(this.destroyRef))
      .subscribe(() => this.problems.set(tierProblems(tiers.getRawValue())));
  }

  add(): void {
    const tiers = this.tiers();
    const rows: TierRow[] = tiers.getRawValue();
    tiers.push(tierForm(nextTier(rows)));
    tiers.markAsDirty();
  }

  remove(index: number): void {
    this.tiers().removeAt(index);
    this.tiers().markAsDirty();
  }
}

/** True when every tier of the list is sound, for the editor to refuse saving otherwise. */
export function tiersValid(tiers: FormArray<TierForm>): boolean {
  const rows = tiers.getRawValue();
  return rows.length > 0 && tierProblems(rows).every((problem) => problem === null);
}
