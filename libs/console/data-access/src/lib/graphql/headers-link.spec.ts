import { ApolloLink, gql, type ApolloClient } from '@apollo/client';
import { firstValueFrom, of } from 'rxjs';
import { headersLink } from './headers-link';

const QUERY = gql`
  query Members {
    members {
      id
    }
  }
`;

/** Runs one operation through the link and answers the context the HTTP link would see. */
function contextSeenBy(link: ApolloLink, context: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  let seen: Record<string, unknown> = {};
  const terminal = new ApolloLink((operation) => {
    seen = operation.getContext();
    return of({ data: {} });
  });
  const chain = ApolloLink.from([
    new ApolloLink((operation, forward) => (operation.setContext(context), forward(operation))),
    link,
    terminal,
  ]);
  return firstValueFrom(ApolloLink.execute(chain, { query: QUERY }, { client: {} as ApolloClient })).then(() => seen);
}

describe('headersLink', () => {
  it('sends the bearer token and the tenant as they are when the request leaves', async () => {
    let tenant = 'tenant-a';
    const link = headersLink(
      () => 'token-1',
      () => tenant,
    );

    expect((await contextSeenBy(link))['headers']).toEqual({
      Authorization: 'Bearer token-1',
      'X-Tenant-Id': 'tenant-a',
    });
    tenant = 'tenant-b';
    expect((await contextSeenBy(link))['headers']).toEqual({
      Authorization: 'Bearer token-1',
      'X-Tenant-Id': 'tenant-b',
    });
  });

  it('sends no tenant header before a tenant is chosen, and no token when signed out', async () => {
    expect(
      (
        await contextSeenBy(
          headersLink(
            () => null,
            () => null,
          ),
        )
      )['headers'],
    ).toEqual({});
  });

  it('lets an operation name its own tenant, as the session does before switching', async () => {
    const headers = (
      await contextSeenBy(
        headersLink(
          () => 'token-1',
          () => 'tenant-a',
        ),
        { headers: { 'X-Tenant-Id': 'tenant-b' } },
      )
    )['headers'];
    expect(headers).toEqual({
      Authorization: 'Bearer token-1',
      'X-Tenant-Id': 'tenant-b',
    });
  });

  it('records the token the attempt used, for deciding whether a refresh is needed', async () => {
    expect(
      (
        await contextSeenBy(
          headersLink(
            () => 'token-1',
            () => null,
          ),
        )
      )['usedToken'],
    ).toBe('token-1');
  });
});
