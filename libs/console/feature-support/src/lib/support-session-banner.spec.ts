import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { SessionStore, type SupportSessionFieldsFragment } from '@warbler/console/data-access';
import { SupportSessionBanner } from './support-session-banner';

const SESSION: SupportSessionFieldsFragment = {
  __typename: 'SupportSession',
  id: 'session-1',
  tenantId: 'tenant-1',
  tenantName: 'Acme Chat',
  staffEmail: 'sam@warbler.test',
  viewedAsEmail: 'owner@acme.test',
  viewedAsRole: 'OWNER',
  reason: 'Invoices missing',
  ticketReference: 'SUP-1',
  mode: 'READ_ONLY',
  status: 'ACTIVE',
  durationMinutes: 30,
  requestedAt: new Date().toISOString(),
  startedAt: new Date().toISOString(),
  expiresAt: new Date(Date.now() + 10 * 60_000 + 30_000).toISOString(),
  writeGrantUntil: null,
  approvedByEmail: null,
  approvedAt: null,
  endedAt: null,
  endedHow: null,
  endedByEmail: null,
  requestCount: 0,
};

describe('SupportSessionBanner', () => {
  beforeEach(() => localStorage.clear());

  function render(): HTMLElement {
    TestBed.configureTestingModule({
      imports: [SupportSessionBanner],
      providers: [provideRouter([]), { provide: SessionStore, useValue: { me: signal(null) } }],
    });
    const fixture = TestBed.createComponent(SupportSessionBanner);
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  it('shows nothing outside a support session', () => {
    expect(render().textContent?.trim()).toBe('');
  });

  it('names the tenant, the member and the mode, with the time left', () => {
    localStorage.setItem('warbler.supportSession', JSON.stringify(SESSION));
    // As TenantContext.enterSupportSession leaves it for the next visit.
    localStorage.setItem('warbler.supportSessionId', SESSION.id);
    localStorage.setItem('warbler.tenantId', SESSION.tenantId);
    const text = render().textContent ?? '';
    expect(text).toContain('Acme Chat');
    expect(text).toContain('owner@acme.test');
    expect(text).toContain('Read-only');
    expect(text).toMatch(/10:(29|30) left/);
  });
});
