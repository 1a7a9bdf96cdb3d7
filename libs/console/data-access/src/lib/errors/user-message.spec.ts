import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { userMessage } from './user-message';

const graphqlError = (extensions: Record<string, unknown>, message = 'server says') =>
  new CombinedGraphQLErrors({ data: null, errors: [{ message, extensions }] });

describe('userMessage', () => {
  it('shows the server message for errors people can act on', () => {
    const seatLimit = graphqlError({ code: 'CONFLICT', reason: 'SEAT_LIMIT_REACHED' }, 'All 5 seats are assigned');
    expect(userMessage(seatLimit)).toBe('All 5 seats are assigned');
    const lastOwner = graphqlError(
      { code: 'BAD_USER_INPUT', reason: 'LAST_OWNER' },
      'A tenant needs at least one owner',
    );
    expect(userMessage(lastOwner)).toBe('A tenant needs at least one owner');
  });

  it('says when to try again after too many attempts, from the body or the header', () => {
    const body = new HttpErrorResponse({
      status: 429,
      error: {
        code: 'RATE_LIMITED',
        message: 'Slow down',
        retryAfterSeconds: 600,
      },
    });
    expect(userMessage(body)).toBe('Too many attempts. Try again in 10 minutes.');
    const header = new HttpErrorResponse({
      status: 429,
      error: null,
      headers: new HttpHeaders({ 'Retry-After': '30' }),
    });
    expect(userMessage(header)).toBe('Too many attempts. Try again in 30 seconds.');
    expect(
      userMessage(
        graphqlError({
          code: 'RATE_LIMITED',
          details: { retryAfterSeconds: 61 },
        }),
      ),
    ).toBe('Too many attempts. Try again in 2 minutes.');
  });

  it('never shows an internal error message', () => {
    expect(userMessage(graphqlError({ code: 'INTERNAL_SERVER_ERROR' }, 'Internal server error'))).toBe(
      'Something went wrong on our side. Try again in a moment.',
    );
  });

  it('tells a network failure apart from a refusal', () => {
    expect(userMessage(new HttpErrorResponse({ status: 0 }))).toBe(
      'Warbler cannot be reached. Check your connection and try again.',
    );
    expect(userMessage(new HttpErrorResponse({ status: 403, error: { code: 'FORBIDDEN' } }))).toBe(
      'Your role does not allow this.',
    );
  });
});
