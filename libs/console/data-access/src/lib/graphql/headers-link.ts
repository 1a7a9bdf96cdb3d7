import { ApolloLink } from '@apollo/client';
import { apiHeaders } from '../http/api-headers';

/** What the session link needs to know about the attempt that failed. */
export interface SignedOperationContext {
  usedToken: string | null;
}

interface HeadersContext {
  headers?: Record<string, string>;
  callerHeaders?: Record<string, string>;
}

/**
 * Reads the token and tenant at send time, not at startup, so a renewed token or a tenant
 * switch applies to the very next request (and to retries). A header an operation sets
 * itself wins: the session asks about a tenant before switching to it.
 */
export function headersLink(
  accessToken: () => string | null,
  tenantId: () => string | null,
  supportSessionId: () => string | null = () => null,
): ApolloLink {
  return new ApolloLink((operation, forward) => {
    const usedToken = accessToken();
    operation.setContext((context: HeadersContext) => {
      // Kept apart so a retry recomputes ours (a renewed token) and keeps only the caller's.
      const callerHeaders = context.callerHeaders ?? context.headers ?? {};
      return {
        usedToken,
        callerHeaders,
        headers: { ...apiHeaders(usedToken, tenantId(), supportSessionId()), ...callerHeaders },
      };
    });
    return forward(operation);
  });
}
