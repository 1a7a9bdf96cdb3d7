import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { ApolloLink, InMemoryCache, type ApolloClient } from '@apollo/client';
import { HttpLink } from 'apollo-angular/http';
import { AuthService } from '../auth/auth.service';
import { TenantContext } from '../tenant/tenant-context';
import { headersLink } from './headers-link';
import { sessionLink } from './session-link';

export const GRAPHQL_PATH = '/graphql';

/** The Apollo client of the console: session handling, then headers, then HTTP. */
export function apolloOptions(): ApolloClient.Options {
  const auth = inject(AuthService);
  const tenant = inject(TenantContext);
  const router = inject(Router);
  const http = inject(HttpLink);

  return {
    link: ApolloLink.from([
      sessionLink({
        refreshAfter: (usedToken) => auth.refreshAfter(usedToken),
        expire: () => auth.expire(),
        mfaRequired: () => void router.navigate(['/setup-mfa']),
      }),
      headersLink(
        () => auth.accessToken(),
        () => tenant.tenantId(),
        () => tenant.supportSessionId(),
      ),
      http.create({ uri: GRAPHQL_PATH }),
    ]),
    // `me` has no id but there is only one, so mutations that return parts of it merge in.
    cache: new InMemoryCache({ typePolicies: { Me: { keyFields: [] } } }),
    defaultOptions: {
      // Lists change under other admins' hands; pages show what the server says now and
      // then follow cache updates from this tab's own mutations.
      watchQuery: { fetchPolicy: 'network-only' },
      query: { fetchPolicy: 'network-only' },
    },
  };
}
