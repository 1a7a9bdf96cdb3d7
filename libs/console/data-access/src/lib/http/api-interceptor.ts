import { HttpErrorResponse, type HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, from, switchMap, throwError } from 'rxjs';
import { AuthService } from '../auth/auth.service';
import { isUnauthenticated } from '../errors/api-problem';
import { TenantContext } from '../tenant/tenant-context';
import { apiHeaders } from './api-headers';

/** REST routes that act for the signed-in person (exports, files). */
const AUTHENTICATED_REST = '/v1/';

/**
 * Signs REST calls like GraphQL ones and, when the access token has expired, renews it
 * once and retries. GraphQL has its own links; /auth routes work from the cookie.
 */
export const apiInterceptor: HttpInterceptorFn = (request, next) => {
  if (!request.url.startsWith(AUTHENTICATED_REST)) return next(request);
  const auth = inject(AuthService);
  const tenant = inject(TenantContext);
  const send = (token: string | null) =>
    next(request.clone({ setHeaders: apiHeaders(token, tenant.tenantId(), tenant.supportSessionId()) }));

  const usedToken = auth.accessToken();
  return send(usedToken).pipe(
    catchError((error: unknown) => {
      if (!(error instanceof HttpErrorResponse) || !isUnauthenticated(error)) return throwError(() => error);
      return from(auth.refreshAfter(usedToken)).pipe(
        switchMap((token) => {
          if (token === null) {
            auth.expire();
            return throwError(() => error);
          }
          return send(token);
        }),
      );
    }),
  );
};
