import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { SessionStore, TenantContext } from '@warbler/console/data-access';
import { Avatar, PageHeader, RoleChip } from '@warbler/console/ui';
import { SessionsCard } from './sessions-card';
import { TwoFactorCard } from './two-factor-card';

const STAFF_LABELS: Record<string, string> = {
  PLATFORM_ADMIN: 'Platform admin',
  SUPPORT: 'Support',
  FINANCE: 'Finance',
};

@Component({
  selector: 'wb-profile-page',
  imports: [MatCardModule, PageHeader, Avatar, RoleChip, TwoFactorCard, SessionsCard],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <wb-page-header title="Profile" subtitle="Your account, its second factor and where it is signed in" />
    @if (session.me(); as me) {
      <mat-card appearance="outlined" class="identity">
        <mat-card-content>
          <wb-avatar [name]="me.user.displayName" />
          <div class="who">
            <div class="name">{{ me.user.displayName }}</div>
            <div class="email">{{ me.user.email }}</div>
          </div>
          <div class="roles">
            @if (staffLabel(); as label) {
              <span class="staff">{{ label }}</span>
            }
            @if (session.currentMembership(); as membership) {
              <wb-role-chip [role]="membership.role" />
              <span class="tenant">in {{ membership.tenant.name }}</span>
            }
          </div>
        </mat-card-content>
      </mat-card>
    }
    <wb-two-factor-card />
    @if (tenant.supportSessionId() === null) {
      <wb-sessions-card />
    }
  `,
  styles: `
    :host {
      display: grid;
      gap: 16px;
    }
    wb-page-header {
      margin-bottom: 8px;
    }
    .identity mat-card-content {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 16px;
      padding-top: 16px;
    }
    wb-avatar {
      width: 48px;
      height: 48px;
      font: var(--mat-sys-title-medium);
    }
    .who {
      flex: 1 1 200px;
    }
    .name {
      font: var(--mat-sys-title-medium);
    }
    .email,
    .tenant {
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    .roles {
      display: flex;
      align-items: center;
      gap: 8px;
    }
    .staff {
      font: var(--mat-sys-label-medium);
      padding: 2px 10px;
      border-radius: 12px;
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
  `,
})
export class ProfilePage {
  protected readonly session = inject(SessionStore);
  /** A user's sign-ins are private to them: support viewing as them does not see the card (the API refuses too). */
  protected readonly tenant = inject(TenantContext);
  protected readonly staffLabel = computed(() => {
    const role = this.session.me()?.staffRole;
    return role ? STAFF_LABELS[role] : null;
  });
}
