import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { type ActivatedRouteSnapshot, provideRouter, type RouterStateSnapshot, UrlTree } from '@angular/router';
import { PermissionsService, SessionStore } from '@warbler/console/data-access';
import { permissionGuard, safeReturnUrl, signedInGuard } from './guards';

describe('guards', () => {
  const ready = signal(true);
  const mfaPending = signal(false);
  const allowed = signal(false);
  const route = {} as ActivatedRouteSnapshot;
  const state = { url: '/members' } as RouterStateSnapshot;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        { provide: SessionStore, useValue: { ready, mfaPending } },
        { provide: PermissionsService, useValue: { can: () => allowed() } },
      ],
    });
  });

  const run = (guard: typeof signedInGuard) => TestBed.runInInjectionContext(() => guard(route, state));
  const target = (result: unknown) => (result instanceof UrlTree ? result.toString() : result);

  it('sends a signed-out visitor to sign in and back afterwards', () => {
    ready.set(false);
    expect(target(run(signedInGuard))).toBe('/login?returnUrl=%2Fmembers');
  });

  it('holds a session that owes its second factor at the enrolment step', () => {
    ready.set(true);
    mfaPending.set(true);
    expect(target(run(signedInGuard))).toBe('/setup-mfa');
  });

  it('lets a page open only for people allowed to read what it shows', () => {
    allowed.set(false);
    expect(target(run(permissionGuard('read', 'AuditLog')))).toBe('/');
    allowed.set(true);
    expect(run(permissionGuard('read', 'AuditLog'))).toBe(true);
  });

  it('returns only to paths on this site', () => {
    expect(safeReturnUrl('/audit?x=1')).toBe('/audit?x=1');
    expect(safeReturnUrl('//evil.example')).toBe('/');
    expect(safeReturnUrl('https://evil.example')).toBe('/');
    expect(safeReturnUrl(undefined)).toBe('/');
  });
});
