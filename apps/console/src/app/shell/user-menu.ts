import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatIconButton } from '@angular/material/button';
import { MatDivider } from '@angular/material/divider';
import { MatIcon } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { Router, RouterLink } from '@angular/router';
import { SessionStore } from '@warbler/console/data-access';
import { Avatar } from '@warbler/console/ui';

/** The signed-in person, their profile and the way out. */
@Component({
  selector: 'wb-user-menu',
  imports: [MatIconButton, MatDivider, MatIcon, MatMenuModule, RouterLink, Avatar],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button mat-icon-button type="button" [matMenuTriggerFor]="menu" aria-label="Account menu" data-testid="user-menu">
      <wb-avatar [name]="name()" />
    </button>
    <mat-menu #menu="matMenu" xPosition="before">
      <div class="who">
        <div class="name">{{ name() }}</div>
        <div class="email">{{ email() }}</div>
      </div>
      <mat-divider />
      <a mat-menu-item routerLink="/profile">
        <mat-icon>account_circle</mat-icon>
        <span>Profile</span>
      </a>
      <button mat-menu-item type="button" (click)="signOut()">
        <mat-icon>logout</mat-icon>
        <span>Sign out</span>
      </button>
    </mat-menu>
  `,
  styles: `
    .who {
      padding: 12px 16px;
      min-width: 220px;
    }
    .name {
      font: var(--mat-sys-title-small);
    }
    .email {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class UserMenu {
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);

  protected readonly name = computed(() => this.session.me()?.user.displayName ?? '');
  protected readonly email = computed(() => this.session.me()?.user.email ?? '');

  async signOut(): Promise<void> {
    await this.session.signOut().catch(() => undefined);
    await this.router.navigateByUrl('/login');
  }
}
