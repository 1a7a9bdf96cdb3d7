import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { Router } from '@angular/router';
import { SessionStore, userMessage } from '@warbler/console/data-access';
import { Notifier } from '@warbler/console/ui';
import { TENANT_ROLE_LABELS } from '@warbler/shared/permissions';

/** Which tenant the console works in, and the others the person belongs to. */
@Component({
  selector: 'wb-tenant-switcher',
  imports: [MatButton, MatIcon, MatMenuModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (current(); as membership) {
      <button
        mat-button
        type="button"
        class="trigger"
        [matMenuTriggerFor]="tenants"
        [disabled]="switching()"
        [attr.aria-label]="'Tenant: ' + membership.tenant.name + '. Switch tenant'"
        data-testid="tenant-switcher"
      >
        <mat-icon>apartment</mat-icon>
        <span class="name">{{ membership.tenant.name }}</span>
        <mat-icon iconPositionEnd>unfold_more</mat-icon>
      </button>
      <mat-menu #tenants="matMenu">
        <div class="heading">Your tenants</div>
        @for (option of memberships(); track option.tenant.id) {
          <button mat-menu-item type="button" (click)="switchTo(option.tenant.id, option.tenant.name)">
            <mat-icon>{{ option.tenant.id === membership.tenant.id ? 'check' : '' }}</mat-icon>
            <span class="option">
              <span>{{ option.tenant.name }}</span>
              <span class="role">{{ roleLabels[option.role] }}</span>
            </span>
          </button>
        }
      </mat-menu>
    } @else {
      <span class="none">No tenant</span>
    }
  `,
  styles: `
    .trigger {
      max-width: 280px;
    }
    .name {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .heading {
      padding: 8px 16px 4px;
      font: var(--mat-sys-label-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    .option {
      display: flex;
      flex-direction: column;
      line-height: 1.25;
    }
    .role {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .none {
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class TenantSwitcher {
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);
  private readonly notifier = inject(Notifier);

  protected readonly current = this.session.currentMembership;
  protected readonly memberships = computed(() => this.session.me()?.memberships ?? []);
  protected readonly switching = signal(false);
  protected readonly roleLabels = TENANT_ROLE_LABELS;

  async switchTo(tenantId: string, name: string): Promise<void> {
    if (tenantId === this.current()?.tenant.id) return;
    this.switching.set(true);
    try {
      await this.session.switchTenant(tenantId);
      // Same page in the new tenant, if the role there allows it; the guards decide.
      await this.router.navigateByUrl(this.router.url, {
        onSameUrlNavigation: 'reload',
      });
      this.notifier.success(`Now working in ${name}`);
    } catch (error) {
      this.notifier.error(userMessage(error));
    } finally {
      this.switching.set(false);
    }
  }
}
