import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { AuthService } from '../auth/auth.service';
import { TenantContext } from '../tenant/tenant-context';
import { apiInterceptor } from './api-interceptor';

describe('apiInterceptor', () => {
  let http: HttpTestingController;
  let client: HttpClient;
  let auth: {
    accessToken: jest.Mock;
    refreshAfter: jest.Mock;
    expire: jest.Mock;
  };

  beforeEach(() => {
    localStorage.clear();
    auth = {
      accessToken: jest.fn(() => 'token-1'),
      refreshAfter: jest.fn(),
      expire: jest.fn(),
    };
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([apiInterceptor])),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: AuthService, useValue: auth },
      ],
    });
    TestBed.inject(TenantContext).select('tenant-a');
    http = TestBed.inject(HttpTestingController);
    client = TestBed.inject(HttpClient);
  });

  afterEach(() => http.verify());

  it('signs REST calls with the bearer token and the current tenant', () => {
    void firstValueFrom(client.get('/v1/audit/export'));
    const request = http.expectOne('/v1/audit/export');
    expect(request.request.headers.get('Authorization')).toBe('Bearer token-1');
    expect(request.request.headers.get('X-Tenant-Id')).toBe('tenant-a');
    request.flush('');
  });

  it('leaves the cookie routes alone', () => {
    void firstValueFrom(client.post('/auth/refresh', null));
    const request = http.expectOne('/auth/refresh');
    expect(request.request.headers.has('Authorization')).toBe(false);
    expect(request.request.headers.has('X-Tenant-Id')).toBe(false);
    request.flush({});
  });

  it('renews an expired token once and retries with the new one', async () => {
    auth.refreshAfter.mockResolvedValue('token-2');
    const answer = firstValueFrom(client.get('/v1/audit/export', { responseType: 'text' }));
    http.expectOne('/v1/audit/export').flush({ code: 'UNAUTHENTICATED' }, { status: 401, statusText: 'Unauthorized' });
    await new Promise((resolve) => setTimeout(resolve));

    const retry = http.expectOne('/v1/audit/export');
    expect(retry.request.headers.get('Authorization')).toBe('Bearer token-2');
    retry.flush('{"seq":"1"}');
    expect(await answer).toBe('{"seq":"1"}');
    expect(auth.refreshAfter).toHaveBeenCalledWith('token-1');
  });

  it('ends the session when the token cannot be renewed', async () => {
    auth.refreshAfter.mockResolvedValue(null);
    const answer = firstValueFrom(client.get('/v1/audit/export'));
    http.expectOne('/v1/audit/export').flush({ code: 'UNAUTHENTICATED' }, { status: 401, statusText: 'Unauthorized' });

    await expect(answer).rejects.toMatchObject({ status: 401 });
    expect(auth.expire).toHaveBeenCalled();
  });

  it('does not refresh for a refusal that a new token would not fix', async () => {
    const answer = firstValueFrom(client.get('/v1/audit/export'));
    http.expectOne('/v1/audit/export').flush({ code: 'FORBIDDEN' }, { status: 403, statusText: 'Forbidden' });

    await expect(answer).rejects.toMatchObject({ status: 403 });
    expect(auth.refreshAfter).not.toHaveBeenCalled();
  });
});
