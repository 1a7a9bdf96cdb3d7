import { BreakpointObserver } from '@angular/cdk/layout';
import { AsyncPipe, NgComponentOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, viewChild } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatIconButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { MatSidenav, MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbar } from '@angular/material/toolbar';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { PermissionsService } from '@warbler/console/data-access';
import { Brand } from '@warbler/console/ui';
import { map } from 'rxjs';
import { NAV_ITEMS } from './nav-items';
import { NotificationsBell } from './notifications-bell';
import { TenantSwitcher } from './tenant-switcher';
import { UserMenu } from './user-menu';

/** Below this width the side navigation gives way to the top bar and a drawer. */
const NARROW = '(max-width: 959.98px)';

@Component({
  selector: 'wb-shell',
  imports: [
    MatToolbar,
    MatSidenavModule,
    MatListModule,
    MatIcon,
    MatIconButton,
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    Brand,
    TenantSwitcher,
    NotificationsBell,
    UserMenu,
    AsyncPipe,
    NgComponentOutlet,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './shell.html',
  styleUrl: './shell.scss',
})
export class Shell {
  private readonly permissions = inject(PermissionsService);
  private readonly sidenav = viewChild.required(MatSidenav);

  protected readonly narrow = toSignal(
    inject(BreakpointObserver)
      .observe(NARROW)
      .pipe(map((state) => state.matches)),
    {
      initialValue: false,
    },
  );
  /** Loaded after first paint, with the support pages: it shows only inside a support session. */
  protected readonly supportBanner = import('@warbler/console/feature-support').then((m) => m.SupportSessionBanner);
  protected readonly canReadNotifications = computed(() => this.permissions.can('read', 'Notification'));
  protected readonly navItems = computed(() =>
    NAV_ITEMS.filter((item) => !item.requires || this.permissions.can(item.requires[0], item.requires[1])),
  );

  protected closeIfNarrow(): void {
    if (this.narrow()) void this.sidenav().close();
  }
}
