import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { SessionStore, type SupportSessionFieldsFragment } from '@warbler/console/data-access';
import { SupportSessionBanner } from './support-session-banner';

// A fixed clock: the time left must not depend on how long the machine takes to render.
const NOW = new Date('2026-11-23T12:00:00Z');

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
  requestedAt: NOW.toISOString(),
  startedAt: NOW.toISOString(),
  expiresAt: new Date(NOW.getTime() + 10 * 60_000 + 30_000).toISOString(),
  writeGrantUntil: null,
  approvedByEmail: null,
  approvedAt: null,
  endedAt: null,
  endedHow: null,
  endedByEmail: null,
  requestCount: 0,
};

describe('SupportSessionBanner', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: NOW });
    localStorage.clear();
  });
  afterEach(() => jest.useRealTimers());

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
    expect(text).toContain('10:30 left');
  });
});
