import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { PermissionsService, SessionStore } from '@warbler/console/data-access';
import { Shell } from './shell';

describe('Shell', () => {
  const allowed = signal<string[]>([]);

  async function render(): Promise<HTMLElement> {
    TestBed.configureTestingModule({
      imports: [Shell],
      providers: [
        provideRouter([]),
        {
          provide: PermissionsService,
          useValue: {
            can: (action: string, subject: string) => allowed().includes(`${action} ${subject}`),
          },
        },
        {
          provide: SessionStore,
          useValue: {
            me: signal({
              user: { displayName: 'Milo Member', email: 'member@acme.test' },
              memberships: [],
            }),
            currentMembership: signal(null),
          },
        },
      ],
    });
    const fixture = TestBed.createComponent(Shell);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  const navLabels = (root: HTMLElement) =>
    [...root.querySelectorAll('nav [matListItemTitle]')].map((link) => link.textContent?.trim());

  it('shows a member only the pages everyone has', async () => {
    allowed.set(['read Tenant']);
    expect(navLabels(await render())).toEqual(['Overview', 'Profile']);
  });

  it('adds Members and Audit log for people allowed to read them', async () => {
    allowed.set(['read Tenant', 'read Member', 'read AuditLog']);
    expect(navLabels(await render())).toEqual(['Overview', 'Members & seats', 'Audit log', 'Profile']);
  });

  it('adds Usage for every tenant role, and API keys for those who manage them', async () => {
    allowed.set(['read Tenant', 'read Usage', 'read ApiKey']);
    expect(navLabels(await render())).toEqual(['Overview', 'Usage', 'API keys', 'Profile']);
  });

  it('adds Plan & billing for everyone who reads the subscription, and Invoices for those who read them', async () => {
    allowed.set(['read Tenant', 'read Subscription', 'read Invoice']);
    expect(navLabels(await render())).toEqual(['Overview', 'Plan & billing', 'Invoices', 'Profile']);
  });

  it('shows finance staff the invoice desk across tenants', async () => {
    allowed.set(['read Catalog', 'readAcrossTenants Invoice']);
    expect(navLabels(await render())).toEqual(['Overview', 'Invoice desk', 'Plans', 'Billable metrics', 'Profile']);
  });

  it('shows staff without a tenant the catalog', async () => {
    allowed.set(['read Catalog']);
    expect(navLabels(await render())).toEqual(['Overview', 'Plans', 'Billable metrics', 'Profile']);
  });
});
