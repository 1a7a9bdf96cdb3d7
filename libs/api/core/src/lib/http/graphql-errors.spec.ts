import { BadRequestException, ForbiddenException } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { DomainError } from '../errors/domain-error';
import { formatGraphqlError } from './graphql-errors';

const formatted = (message: string, code?: string) => ({ message, path: ['field'], extensions: code ? { code } : {} });
const wrap = (original: Error) => new GraphQLError(original.message, { originalError: original });

describe('formatGraphqlError', () => {
  const internal = jest.fn();
  beforeEach(() => internal.mockReset());

  it('passes a domain error through with its code, reason and details', () => {
    const error = new DomainError('CONFLICT', 'All 5 seats are assigned', 'SEAT_LIMIT_REACHED', { limit: 5 });
    expect(formatGraphqlError(formatted(error.message), wrap(error), internal)).toEqual({
      message: 'All 5 seats are assigned',
      path: ['field'],
      locations: undefined,
      extensions: { code: 'CONFLICT', reason: 'SEAT_LIMIT_REACHED', details: { limit: 5 } },
    });
    expect(internal).not.toHaveBeenCalled();
  });

  it('maps Nest HTTP exceptions to codes and joins validation messages', () => {
    const validation = new BadRequestException(['email must be an email', 'role must be one of']);
    expect(formatGraphqlError(formatted('x'), wrap(validation), internal)).toMatchObject({
      message: 'email must be an email; role must be one of',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(formatGraphqlError(formatted('x'), wrap(new ForbiddenException()), internal).extensions).toEqual({
      code: 'FORBIDDEN',
    });
  });

  it('reports a malformed operation as the client’s mistake', () => {
    const result = formatGraphqlError(
      formatted('Cannot query field "x"', 'GRAPHQL_VALIDATION_FAILED'),
      new GraphQLError('x'),
      internal,
    );
    expect(result.extensions).toEqual({ code: 'BAD_USER_INPUT' });
  });

  it('hides the message of an unexpected error and reports it', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'id')");
    const result = formatGraphqlError(formatted(bug.message), wrap(bug), internal);
    expect(result).toEqual({
      message: 'Internal server error',
      path: ['field'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(internal).toHaveBeenCalledWith(bug);
  });
});
