import { graphql } from './support/http';
import { startApp, type StartedApp } from './support/started-app';

describe('operations surface and error shapes', () => {
  let started: StartedApp;

  beforeAll(async () => {
    started = await startApp();
  });

  afterAll(() => started.close());

  it('answers liveness and readiness with the database and migrations checked', async () => {
    expect((await fetch(`${started.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${started.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', migrations: 'ok' } });
  });

  it('exposes Prometheus metrics for HTTP and GraphQL', async () => {
    await graphql(started.url, '{ me { user { id } } }');
    const text = await (await fetch(`${started.url}/metrics`)).text();
    expect(text).toContain('warbler_http_request_duration_seconds_bucket');
    expect(text).toContain('warbler_graphql_operation_duration_seconds_bucket');
    expect(text).toMatch(/warbler_graphql_errors_total\{operation="me",code="UNAUTHENTICATED"\} \d+/);
  });

  it('echoes a request id and sets security headers', async () => {
    const response = await fetch(`${started.url}/healthz`, { headers: { 'x-request-id': 'trace-123' } });
    expect(response.headers.get('x-request-id')).toBe('trace-123');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('answers a signed-out GraphQL call with UNAUTHENTICATED', async () => {
    const result = await graphql(started.url, '{ me { user { id } } }');
    expect(result.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('answers variables that do not fit their types with BAD_USER_INPUT, not an internal error', async () => {
    const result = await graphql(
      started.url,
      'mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }',
      { input: { name: 'k', scopes: ['usage:write'] } },
    );
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].message).toContain('$input');
  });

  it('answers malformed and oversized bodies with a code, never a stack', async () => {
    const malformed = await fetch(`${started.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(malformed.status).toBe(400);
    const malformedBody = await malformed.text();
    expect(JSON.parse(malformedBody).code).toBe('BAD_USER_INPUT');
    expect(malformedBody).not.toMatch(/at .*\.js:\d+/);

    const oversized = await fetch(`${started.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ me { user { id } } } # ${'x'.repeat(2_000_000)}` }),
    });
    expect(oversized.status).toBe(413);
    expect((await oversized.json()).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses queries against fields that do not exist with BAD_USER_INPUT', async () => {
    const result = await graphql(started.url, '{ noSuchField }');
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses a query nested deeper than the limit', async () => {
    const bomb = `{ __schema { types { fields { type { fields { type { fields { type { fields { type { name } } } } } } } } } } }`;
    const result = await graphql(started.url, bomb);
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.data).toBeUndefined();
  });
});
