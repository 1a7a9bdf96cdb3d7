import { ApolloClient, ApolloLink, gql, InMemoryCache } from '@apollo/client';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { of } from 'rxjs';
import { headersLink } from './headers-link';
import { sessionLink, type SessionHandlers } from './session-link';

const QUERY = gql`
  query Me {
    me {
      currentTenantId
    }
  }
`;

const refusal = (code: string) => ({
  data: null,
  errors: [{ message: 'refused', extensions: { code } }],
});

describe('sessionLink', () => {
  let token: string;
  let handlers: jest.Mocked<SessionHandlers>;
  let sentWith: (string | undefined)[];

  /** A server that refuses the first request with `code`, then answers. */
  function run(code: string) {
    sentWith = [];
    const server = new ApolloLink((operation) => {
      const headers = operation.getContext()['headers'] as Record<string, string>;
      sentWith.push(headers['Authorization']);
      return of(sentWith.length === 1 ? refusal(code) : { data: { me: { currentTenantId: 't-1' } } });
    });
    const link = ApolloLink.from([
      sessionLink(handlers),
      headersLink(
        () => token,
        () => 't-1',
      ),
      server,
    ]);
    return new ApolloClient({ link, cache: new InMemoryCache() }).query({
      query: QUERY,
    });
  }

  beforeEach(() => {
    token = 'old';
    handlers = {
      refreshAfter: jest.fn(async () => (token = 'new')),
      expire: jest.fn(),
      mfaRequired: jest.fn(),
    };
  });

  it('renews the token and replays the operation with it', async () => {
    const result = await run('UNAUTHENTICATED');
    expect(result.data).toEqual({ me: { currentTenantId: 't-1' } });
    expect(sentWith).toEqual(['Bearer old', 'Bearer new']);
    expect(handlers.refreshAfter).toHaveBeenCalledWith('old');
  });

  it('ends the session when the token cannot be renewed', async () => {
    handlers.refreshAfter.mockResolvedValue(null);
    await expect(run('UNAUTHENTICATED')).rejects.toBeInstanceOf(CombinedGraphQLErrors);
    expect(handlers.expire).toHaveBeenCalled();
    expect(sentWith).toHaveLength(1);
  });

  it('sends a session that still owes its second factor to the enrolment step', async () => {
    await expect(run('MFA_REQUIRED')).rejects.toBeInstanceOf(CombinedGraphQLErrors);
    expect(handlers.mfaRequired).toHaveBeenCalled();
    expect(handlers.refreshAfter).not.toHaveBeenCalled();
  });

  it('leaves every other error to the page that asked', async () => {
    await expect(run('FORBIDDEN')).rejects.toBeInstanceOf(CombinedGraphQLErrors);
    expect(handlers.refreshAfter).not.toHaveBeenCalled();
    expect(handlers.expire).not.toHaveBeenCalled();
  });
});
