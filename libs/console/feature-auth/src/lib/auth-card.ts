import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { Brand } from '@warbler/console/ui';

/** The frame of the pages before the console: sign-in, invitations, forced MFA setup. */
@Component({
  selector: 'wb-auth-card',
  imports: [MatCardModule, Brand],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <main>
      <wb-brand class="brand" />
      <mat-card appearance="outlined" [class.wide]="wide()">
        <mat-card-content>
          <h1>{{ title() }}</h1>
          @if (subtitle()) {
            <p class="subtitle">{{ subtitle() }}</p>
          }
          <ng-content />
        </mat-card-content>
      </mat-card>
      <ng-content select="[footer]" />
    </main>
  `,
  styles: `
    :host {
      display: block;
      min-height: 100dvh;
      background: var(--mat-sys-surface-container-low);
    }
    main {
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: 24px;
      padding: 12vh 16px 48px;
    }
    mat-card {
      width: min(400px, 100%);
      background: var(--mat-sys-surface);
    }
    mat-card.wide {
      width: min(640px, 100%);
    }
    mat-card-content {
      padding: 28px 28px 24px;
    }
    h1 {
      margin: 0 0 4px;
      font: var(--mat-sys-headline-small);
    }
    .subtitle {
      margin: 0 0 24px;
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    .brand {
      color: var(--mat-sys-on-surface);
    }
  `,
})
export class AuthCard {
  readonly title = input.required<string>();
  readonly subtitle = input<string>();
  readonly wide = input(false);
}
