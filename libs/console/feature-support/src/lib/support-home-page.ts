import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatTableModule } from '@angular/material/table';
import { Router, RouterLink } from '@angular/router';
import {
  dataOf,
  MySupportSessionsGQL,
  liveQuery,
  type SupportSessionFieldsFragment,
  SupportTenantsGQL,
  type SupportTenantsQuery,
  userMessage,
} from '@warbler/console/data-access';
import { EmptyState, ErrorState, LoadingState, Notifier, PageHeader } from '@warbler/console/ui';
import { MODE_LABELS, STATUS_LABELS } from './remaining-time';
import { SupportSessionStore } from './support-session.store';

type FoundTenant = SupportTenantsQuery['supportTenants'][number];

/** Support's desk: find a tenant to open a session on, and the sessions already open. */
@Component({
  selector: 'wb-support-home-page',
  imports: [
    DatePipe,
    FormsModule,
    MatButton,
    MatFormFieldModule,
    MatIcon,
    MatInput,
    MatTableModule,
    RouterLink,
    EmptyState,
    ErrorState,
    LoadingState,
    PageHeader,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <wb-page-header
      title="Support"
      subtitle="Open a time-boxed, audited session to see a tenant exactly as one of its members does"
    />

    <section class="card">
      <h2>Find a tenant</h2>
      <form class="search" (ngSubmit)="search()">
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Name, slug or tenant id</mat-label>
          <input matInput name="search" [(ngModel)]="term" data-testid="support-tenant-search" />
        </mat-form-field>
        <button mat-flat-button type="submit" [disabled]="term.trim().length < 2">
          <mat-icon>search</mat-icon>
          Search
        </button>
      </form>
      @if (searchError(); as error) {
        <p class="error" role="alert">{{ error }}</p>
      }
      @if (found(); as tenants) {
        @if (tenants.length === 0) {
          <wb-empty-state icon="search_off" title="No tenant matches" message="Try part of the name or the slug." />
        } @else {
          <table mat-table [dataSource]="tenants" aria-label="Tenants found">
            <ng-container matColumnDef="name">
              <th mat-header-cell *matHeaderCellDef>Tenant</th>
              <td mat-cell *matCellDef="let tenant">
                <div>{{ tenant.name }}</div>
                <div class="muted">{{ tenant.slug }}</div>
              </td>
            </ng-container>
            <ng-container matColumnDef="owner">
              <th mat-header-cell *matHeaderCellDef>Owner</th>
              <td mat-cell *matCellDef="let tenant">{{ tenant.ownerEmail ?? '—' }}</td>
            </ng-container>
            <ng-container matColumnDef="access">
              <th mat-header-cell *matHeaderCellDef>Support access</th>
              <td mat-cell *matCellDef="let tenant">
                @if (tenant.supportAccess === 'REFUSED') {
                  <span class="chip refused">Refused</span>
                } @else if (tenant.supportWriteUntil) {
                  <span class="chip">May act until {{ tenant.supportWriteUntil | date: 'medium' }}</span>
                } @else {
                  <span class="chip">Read-only</span>
                }
              </td>
            </ng-container>
            <ng-container matColumnDef="actions">
              <th mat-header-cell *matHeaderCellDef><span class="cdk-visually-hidden">Actions</span></th>
              <td mat-cell *matCellDef="let tenant" class="actions">
                @if (tenant.supportAccess !== 'REFUSED') {
                  <a mat-stroked-button [routerLink]="['/support/tenants', tenant.id, 'start']">Start session</a>
                }
              </td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="tenantColumns"></tr>
            <tr mat-row *matRowDef="let tenant; columns: tenantColumns"></tr>
          </table>
        }
      }
    </section>

    <section class="card">
      <h2>Your open sessions</h2>
      @if (mine.error(); as error) {
        <wb-error-state title="Your sessions could not be loaded" [message]="message(error)" (retry)="mine.reload()" />
      } @else if (mine.data(); as sessions) {
        @if (sessions.length === 0) {
          <wb-empty-state icon="support_agent" title="No open session" message="Sessions you start appear here." />
        } @else {
          <table mat-table [dataSource]="sessions" aria-label="Your open support sessions">
            <ng-container matColumnDef="tenant">
              <th mat-header-cell *matHeaderCellDef>Tenant</th>
              <td mat-cell *matCellDef="let session">{{ session.tenantName }}</td>
            </ng-container>
            <ng-container matColumnDef="as">
              <th mat-header-cell *matHeaderCellDef>Viewing as</th>
              <td mat-cell *matCellDef="let session">{{ session.viewedAsEmail }}</td>
            </ng-container>
            <ng-container matColumnDef="state">
              <th mat-header-cell *matHeaderCellDef>State</th>
              <td mat-cell *matCellDef="let session">
                {{ statusLabel(session) }} · {{ modeLabel(session) }} · until
                {{ session.expiresAt | date: 'shortTime' }}
              </td>
            </ng-container>
            <ng-container matColumnDef="actions">
              <th mat-header-cell *matHeaderCellDef><span class="cdk-visually-hidden">Actions</span></th>
              <td mat-cell *matCellDef="let session" class="actions">
                @if (session.status === 'ACTIVE') {
                  <button mat-stroked-button type="button" (click)="resume(session)">Work in it</button>
                }
              </td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="sessionColumns"></tr>
            <tr mat-row *matRowDef="let session; columns: sessionColumns"></tr>
          </table>
        }
      } @else {
        <wb-loading-state [rows]="2" label="Loading your sessions" />
      }
    </section>
  `,
  styles: `
    .card {
      margin-bottom: 24px;
      padding: 16px 24px;
      border-radius: 12px;
      background: var(--mat-sys-surface-container-low);
    }
    h2 {
      font: var(--mat-sys-title-medium);
      margin: 0 0 12px;
    }
    .search {
      display: flex;
      gap: 12px;
      align-items: center;
      margin-bottom: 12px;
    }
    .search mat-form-field {
      flex: 1;
      max-width: 420px;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .chip {
      padding: 2px 8px;
      border-radius: 8px;
      background: var(--mat-sys-secondary-container);
      font: var(--mat-sys-label-medium);
    }
    .chip.refused {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .actions {
      text-align: right;
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
})
export class SupportHomePage {
  private readonly tenantsQuery = inject(SupportTenantsGQL);
  private readonly mineQuery = inject(MySupportSessionsGQL);
  private readonly store = inject(SupportSessionStore);
  private readonly notifier = inject(Notifier);
  private readonly router = inject(Router);

  protected term = '';
  protected readonly found = signal<FoundTenant[] | null>(null);
  protected readonly searchError = signal<string | null>(null);
  protected readonly mine = liveQuery(
    () => this.mineQuery.watch().valueChanges,
    (data) => data.mySupportSessions,
  );
  protected readonly tenantColumns = ['name', 'owner', 'access', 'actions'];
  protected readonly sessionColumns = ['tenant', 'as', 'state', 'actions'];
  protected readonly message = userMessage;

  protected statusLabel(session: SupportSessionFieldsFragment): string {
    return STATUS_LABELS[session.status];
  }

  protected modeLabel(session: SupportSessionFieldsFragment): string {
    return MODE_LABELS[session.mode];
  }

  async search(): Promise<void> {
    this.searchError.set(null);
    try {
      const data = await dataOf(this.tenantsQuery.fetch({ variables: { search: this.term.trim() } }));
      this.found.set(data.supportTenants);
    } catch (error) {
      this.searchError.set(userMessage(error));
    }
  }

  async resume(session: SupportSessionFieldsFragment): Promise<void> {
    try {
      await this.store.enter(session);
      await this.router.navigate(['/']);
    } catch (error) {
      this.notifier.error(userMessage(error));
    }
  }
}
