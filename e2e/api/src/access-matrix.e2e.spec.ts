import { GraphQLSchemaHost } from '@nestjs/graphql';
import { closeOwnerClient } from '@warbler/api/core/testing';
import { CALLER_NAMES, DECLARATIONS, expectedOutcomes, type Outcome } from './access-matrix/declarations';
import { requestFor, type SchemaOperation, schemaOperations } from './access-matrix/requests';
import { buildMatrixWorld, type MatrixCaller, type MatrixWorld, tenantFootprint } from './access-matrix/world';
import { graphql, type GraphqlResult } from './support/http';
import { startApp, type StartedApp } from './support/started-app';

/** Codes that mean the caller got past authorization and the placeholder arguments were judged. */
const PAST_AUTHORIZATION = new Set(['OK', 'BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT', 'QUOTA_EXCEEDED']);
/** What an operation aimed at another tenant's object may answer: nothing of it. */
const NOTHING_THERE = new Set(['OK', 'NOT_FOUND', 'FORBIDDEN']);

type AnswerError = NonNullable<GraphqlResult['errors']>[number] & { path?: (string | number)[] };
type Answer = Omit<GraphqlResult, 'errors'> & { errors?: AnswerError[] };

/**
 * The operation's own answer: an error of the root field, or OK. A field deeper down may refuse on its
 * own (a plan version's subscriber count is staff's), which says nothing about the operation.
 */
const rootErrorOf = (answer: Answer) => answer.errors?.find((error) => (error.path?.length ?? 0) <= 1);
/** Refusals of single fields are their own rules; anything else deeper down is a fault. */
const nestedFaultOf = (answer: Answer) =>
  answer.errors?.find((error) => (error.path?.length ?? 0) > 1 && error.extensions?.code !== 'FORBIDDEN');

/**
 * The access matrix: every root operation of the running app's schema, tried by every kind of
 * caller (anonymous, each tenant role in its own tenant and aimed at another's objects, signed in
 * with no tenant or naming a tenant it is no member of, each staff role, support inside READ_ONLY and
 * WRITE sessions), each answer held
 * to the outcome declared in access-matrix/declarations.ts. One app and one world serve the run;
 * the other tenant's rows are compared before and after each change tried on them.
 */
describe('access matrix', () => {
  let started: StartedApp;
  let world: MatrixWorld;
  let operations: SchemaOperation[];

  beforeAll(async () => {
    started = await startApp();
    world = await buildMatrixWorld(started.url);
    operations = schemaOperations(started.app.get(GraphQLSchemaHost).schema);
  }, 120_000);

  afterAll(async () => {
    await started.close();
    await closeOwnerClient();
  });

  it('declares every operation of the schema, and none that it no longer has', () => {
    const inSchema = new Set(operations.map((operation) => operation.name));
    expect({
      undeclared: [...inSchema].filter((name) => !(name in DECLARATIONS)),
      declaredButGone: Object.keys(DECLARATIONS).filter((name) => !inSchema.has(name)),
    }).toEqual({ undeclared: [], declaredButGone: [] });
    expect(world.callers.map((caller) => caller.name).sort()).toEqual([...CALLER_NAMES].sort());
  });

  it('gives every caller its declared outcome on every operation', async () => {
    const wrong: string[] = [];
    const footprintAtStart = await tenantFootprint(world.other.tenant);
    let tried = 0;
    for (const operation of operations) {
      const declaration = DECLARATIONS[operation.name];
      if (!declaration) continue;
      const expected = expectedOutcomes(operation.isChange, declaration);
      const before = operation.isChange ? await tenantFootprint(world.other.tenant) : null;
      for (const caller of world.callers) {
        const verdict = await tryAs(caller, operation, expected[caller.name]);
        tried += 1;
        if (verdict) wrong.push(`${operation.name} as ${caller.name}: expected ${expected[caller.name]}, ${verdict}`);
      }
      if (before) {
        const after = await tenantFootprint(world.other.tenant);
        const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
        if (changed.length) wrong.push(`${operation.name} changed the other tenant’s ${changed.join(', ')}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(tried).toBe(operations.length * CALLER_NAMES.length);
    expect(await tenantFootprint(world.other.tenant)).toEqual(footprintAtStart);
  }, 600_000);

  /** Null when the answer is what `expected` allows; otherwise what came instead. */
  async function tryAs(caller: MatrixCaller, operation: SchemaOperation, expected: Outcome): Promise<string | null> {
    const isOtherTenant = caller.aimsAt === world.other;
    const request = requestFor(operation, DECLARATIONS[operation.name], {
      objects: caller.aimsAt,
      platform: world.platform,
      isOtherTenant,
    });
    const answer: Answer = await graphql(started.url, request.query, request.variables, caller.headers ?? {});
    const error = rootErrorOf(answer) ?? nestedFaultOf(answer);
    const code = error?.extensions?.code ?? 'OK';
    const got = `got ${code}${error?.extensions?.reason ? `:${error.extensions.reason}` : ''} (${error?.message ?? 'data'})`;
    switch (expected) {
      case 'ALLOWED':
        return PAST_AUTHORIZATION.has(code) ? null : got;
      case 'FORBIDDEN':
      case 'UNAUTHENTICATED':
        return code === expected ? null : got;
      case 'NOT_VISIBLE': {
        const leaked = leakedMarkers(answer);
        if (leaked.length) return `got the other tenant’s ${leaked.join(', ')} in ${JSON.stringify(answer)}`;
        const accepted = request.aimsAtOtherTenant ? NOTHING_THERE : new Set([...PAST_AUTHORIZATION, 'FORBIDDEN']);
        return accepted.has(code) ? null : got;
      }
    }
  }

  /** The other tenant's ids, names and e-mails found in the data, or in error messages beyond the ids asked about. */
  function leakedMarkers(answer: GraphqlResult): string[] {
    const data = JSON.stringify(answer.data ?? null);
    const messages = (answer.errors ?? []).map((error) => error.message).join(' ');
    const ids = new Set(Object.values(world.other));
    return world.otherTenantMarkers.filter(
      (marker) => data.includes(marker) || (!ids.has(marker) && messages.includes(marker)),
    );
  }
});
