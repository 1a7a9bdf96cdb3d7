import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { AUTH_ROUTES } from './auth-api';
import { AuthService } from './auth.service';

describe('AuthService', () => {
  let auth: AuthService;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    auth = TestBed.inject(AuthService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  const flushMicrotasks = () => new Promise((resolve) => setTimeout(resolve));

  it('sends one refresh request however many callers need a new token at once', async () => {
    const results = Promise.all([auth.refresh(), auth.refresh(), auth.refreshAfter(null)]);
    await flushMicrotasks();

    const request = http.expectOne(AUTH_ROUTES.refresh);
    expect(request.request.headers.get('X-Requested-With')).toBe('warbler');
    expect(request.request.withCredentials).toBe(true);
    request.flush({ accessToken: 'fresh', expiresAt: '2030-01-01T00:00:00Z' });

    expect(await results).toEqual(['fresh', 'fresh', 'fresh']);
    expect(auth.accessToken()).toBe('fresh');
  });

  it('asks the server again once the previous refresh has settled', async () => {
    const first = auth.refresh();
    await flushMicrotasks();
    http.expectOne(AUTH_ROUTES.refresh).flush({ accessToken: 'one', expiresAt: '2030-01-01T00:00:00Z' });
    await first;

    const second = auth.refresh();
    await flushMicrotasks();
    http.expectOne(AUTH_ROUTES.refresh).flush({ accessToken: 'two', expiresAt: '2030-01-01T00:00:00Z' });
    expect(await second).toBe('two');
  });

  it('answers a token renewed meanwhile without refreshing again', async () => {
    const login = auth.login('owner@acme.test', 'secret');
    await flushMicrotasks();
    http.expectOne(AUTH_ROUTES.login).flush({ accessToken: 'newer', expiresAt: '2030-01-01T00:00:00Z' });
    await login;

    expect(await auth.refreshAfter('older')).toBe('newer');
    http.expectNone(AUTH_ROUTES.refresh);
  });

  it('forgets the token when the session cannot be renewed', async () => {
    const result = auth.refresh();
    await flushMicrotasks();
    http
      .expectOne(AUTH_ROUTES.refresh)
      .flush({ code: 'UNAUTHENTICATED', message: 'Session ended' }, { status: 401, statusText: 'Unauthorized' });

    expect(await result).toBeNull();
    expect(auth.signedIn()).toBe(false);
  });

  it('hands back the MFA challenge instead of signing in when a second factor is due', async () => {
    const outcome = auth.login('mfa@acme.test', 'secret');
    await flushMicrotasks();
    http.expectOne(AUTH_ROUTES.login).flush({ mfaRequired: true, challenge: 'ch-1' });

    expect(await outcome).toEqual({
      status: 'mfa-required',
      challenge: 'ch-1',
    });
    expect(auth.signedIn()).toBe(false);

    const done = auth.completeMfa('ch-1', { recoveryCode: 'abcd-efgh' });
    await flushMicrotasks();
    const second = http.expectOne(AUTH_ROUTES.loginMfa);
    expect(second.request.body).toEqual({
      challenge: 'ch-1',
      recoveryCode: 'abcd-efgh',
    });
    second.flush({
      accessToken: 'after-mfa',
      expiresAt: '2030-01-01T00:00:00Z',
    });
    await done;
    expect(auth.accessToken()).toBe('after-mfa');
  });

  it('sends the person to sign in, remembering where they were, when the session expires', () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    auth.expire();
    expect(navigate).toHaveBeenCalledWith(['/login'], {
      queryParams: { returnUrl: '/', expired: 1 },
    });
  });
});
