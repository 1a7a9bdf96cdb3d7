import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { ErrorLink } from '@apollo/client/link/error';
import { from, switchMap, throwError } from 'rxjs';
import type { SignedOperationContext } from './headers-link';

export interface SessionHandlers {
  /** Renews the access token; null when the session is over. */
  refreshAfter(usedToken: string | null): Promise<string | null>;
  /** The session cannot be renewed: back to sign-in. */
  expire(): void;
  /** The session has not passed the second factor the account requires. */
  mfaRequired(): void;
}

/**
 * Keeps the session alive under GraphQL: an UNAUTHENTICATED answer renews the token once
 * and replays the operation (the headers link below reads the new token); a failed renewal
 * ends the session. Other errors go on to the caller, which shows them with `userMessage`.
 */
export function sessionLink(handlers: SessionHandlers): ErrorLink {
  return new ErrorLink(({ error, operation, forward }) => {
    if (!CombinedGraphQLErrors.is(error)) return;
    const codes = error.errors.map((graphqlError) => graphqlError.extensions?.['code']);
    if (codes.includes('MFA_REQUIRED')) {
      handlers.mfaRequired();
      return;
    }
    if (!codes.includes('UNAUTHENTICATED')) return;
    const { usedToken } = operation.getContext() as Partial<SignedOperationContext>;
    return from(handlers.refreshAfter(usedToken ?? null)).pipe(
      switchMap((token) => {
        if (token !== null) return forward(operation);
        handlers.expire();
        return throwError(() => error);
      }),
    );
  });
}
