import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { DomainError } from '@warbler/api/core';

const CSRF_HEADER = 'x-requested-with';
const CSRF_HEADER_VALUE = 'warbler';

/**
 * Routes authenticated by the refresh cookie alone need a custom header: a cross-site
 * form cannot set one, and a cross-site fetch that does needs a CORS preflight we refuse.
 * (SameSite=Strict on the cookie is the first line; this is the second.)
 */
@Injectable()
export class CsrfHeaderGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    if (request.get(CSRF_HEADER) !== CSRF_HEADER_VALUE) {
      throw new DomainError(
        'FORBIDDEN',
        `This request needs the header X-Requested-With: ${CSRF_HEADER_VALUE}`,
        'CSRF_HEADER_MISSING',
      );
    }
    return true;
  }
}
