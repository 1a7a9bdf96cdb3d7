import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import {
  ApplyCouponGQL,
  type ApplyCouponMutation,
  type CouponFieldsFragment,
  CouponTenantsGQL,
  type CouponTenantsQuery,
  dataOf,
  userMessage,
} from '@warbler/console/data-access';
import { debounceTime, distinctUntilChanged, map, type Observable } from 'rxjs';

type Tenant = CouponTenantsQuery['operatorTenants']['edges'][number]['node'];
type Applied = ApplyCouponMutation['applyCoupon'];

/** Applies a coupon to a tenant found by name, slug or owner e-mail, with the rules of a redemption. */
@Component({
  selector: 'wb-apply-coupon-dialog',
  imports: [
    ReactiveFormsModule,
    MatAutocompleteModule,
    MatDialogModule,
    MatButton,
    MatFormFieldModule,
    MatInput,
    MatProgressBar,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>Apply {{ coupon.code }}</h2>
    <mat-dialog-content>
      @if (busy()) {
        <mat-progress-bar mode="indeterminate" aria-label="Applying the coupon" />
      }
      @if (error(); as message) {
        <p class="error" role="alert">{{ message }}</p>
      }
      <p class="context">
        {{ coupon.name }} applies to the tenant's period invoices from the next one drafted, before tax.
      </p>
      <mat-form-field appearance="outline">
        <mat-label>Tenant</mat-label>
        <input
          matInput
          [formControl]="search"
          [matAutocomplete]="tenants"
          placeholder="Name, slug or owner e-mail"
          autocomplete="off"
          cdkFocusInitial
        />
        <mat-autocomplete
          #tenants="matAutocomplete"
          [displayWith]="tenantName"
          (optionSelected)="chosen.set($event.option.value)"
        >
          @for (tenant of found(); track tenant.id) {
            <mat-option [value]="tenant">
              {{ tenant.name }} <span class="muted">{{ tenant.slug }} · {{ tenant.planName }}</span>
            </mat-option>
          } @empty {
            @if (search.value) {
              <mat-option disabled>No tenant matches</mat-option>
            }
          }
        </mat-autocomplete>
      </mat-form-field>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>Cancel</button>
      <button mat-flat-button type="button" [disabled]="busy() || !chosen()" (click)="apply()">Apply</button>
    </mat-dialog-actions>
  `,
  styles: `
    mat-dialog-content {
      display: flex;
      flex-direction: column;
      gap: 4px;
      min-width: min(440px, 80vw);
    }
    .context,
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
    .context {
      margin: 0 0 12px;
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
export class ApplyCouponDialog {
  private readonly tenantsQuery = inject(CouponTenantsGQL);
  private readonly applyMutation = inject(ApplyCouponGQL);
  private readonly dialogRef = inject<MatDialogRef<ApplyCouponDialog, Applied>>(MatDialogRef);
  protected readonly coupon = inject<CouponFieldsFragment>(MAT_DIALOG_DATA);

  protected readonly search = new FormControl<string | Tenant>('', { nonNullable: true });
  protected readonly found = signal<Tenant[]>([]);
  protected readonly chosen = signal<Tenant | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  constructor() {
    this.search.valueChanges
      .pipe(debounceTime(250), distinctUntilChanged(), takeUntilDestroyed())
      .subscribe((value) => {
        if (typeof value !== 'string') return;
        this.chosen.set(null);
        void this.find(value.trim());
      });
  }

  protected tenantName(tenant: Tenant | string | null): string {
    return typeof tenant === 'string' ? tenant : (tenant?.name ?? '');
  }

  private async find(search: string): Promise<void> {
    if (!search) {
      this.found.set([]);
      return;
    }
    try {
      const { operatorTenants } = await dataOf(
        this.tenantsQuery.fetch({ variables: { search }, fetchPolicy: 'no-cache' }),
      );
      this.found.set(operatorTenants.edges.map((edge) => edge.node));
    } catch (error) {
      this.error.set(userMessage(error));
    }
  }

  async apply(): Promise<void> {
    const tenant = this.chosen();
    if (!tenant || this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    try {
      const { applyCoupon } = await dataOf(
        this.applyMutation.mutate({ variables: { tenantId: tenant.id, code: this.coupon.code } }),
      );
      this.dialogRef.close(applyCoupon);
    } catch (error) {
      this.error.set(userMessage(error));
    } finally {
      this.busy.set(false);
    }
  }
}

/** Emits the discount the tenant got, or undefined when the dialog was cancelled. */
export function openApplyCouponDialog(
  dialog: MatDialog,
  coupon: CouponFieldsFragment,
): Observable<Applied | undefined> {
  return dialog
    .open<ApplyCouponDialog, CouponFieldsFragment, Applied>(ApplyCouponDialog, { data: coupon, width: '520px' })
    .afterClosed()
    .pipe(map((applied) => applied ?? undefined));
}
