import request from 'supertest';
import type { TestApp } from './test-app';

/** Who calls: a bearer token and, for tenant work, the X-Tenant-Id to send. */
export interface Caller {
  token: string;
  tenantId?: string | null;
}

export interface GraphqlAnswer<T> {
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions?: { code?: string; reason?: string } }[];
}

/** One GraphQL operation over HTTP, as the console sends it; a null caller sends no token. */
export async function graphql<T = Record<string, unknown>>(
  app: TestApp,
  caller: Caller | null,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphqlAnswer<T>> {
  let call = request(app.url).post('/graphql').set('Content-Type', 'application/json');
  if (caller) call = call.set('Authorization', `Bearer ${caller.token}`);
  if (caller?.tenantId) call = call.set('X-Tenant-Id', caller.tenantId);
  const response = await call.send({ query, variables });
  return response.body as GraphqlAnswer<T>;
}

/** The code and reason of an answer's first error, or 'OK' when there was none. */
export function outcome(answer: GraphqlAnswer<unknown>): string {
  const error = answer.errors?.[0];
  if (!error) return 'OK';
  return [error.extensions?.code, error.extensions?.reason].filter(Boolean).join(':');
}

/** The data of an answer that must have succeeded; its errors otherwise, as the failure. */
export function dataOf<T>(answer: GraphqlAnswer<T>): T {
  if (answer.errors?.length || !answer.data)
    throw new Error(`GraphQL answered ${JSON.stringify(answer.errors ?? answer)}`);
  return answer.data;
}
