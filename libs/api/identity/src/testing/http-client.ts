import { randomInt } from 'node:crypto';
import request from 'supertest';

/** A made-up client address, so that each test has its own per-IP sign-in counter. */
export function randomIp(): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

/** The wb_refresh value a response set, or undefined. */
export function refreshCookieOf(response: request.Response): string | undefined {
  return setCookies(response)
    .find((cookie) => cookie.startsWith('wb_refresh='))
    ?.split(';')[0]
    .slice('wb_refresh='.length);
}

export function setCookies(response: request.Response): string[] {
  const header = response.headers['set-cookie'] as unknown;
  return Array.isArray(header) ? header : typeof header === 'string' ? [header] : [];
}

/** A browser's view of the API: a client address, a refresh cookie and an access token. */
export class Client {
  readonly ip = randomIp();
  readonly userAgent = `warbler-test/${randomInt(1_000_000)}`;
  refreshToken?: string;
  accessToken?: string;
  tenantId?: string;

  constructor(private readonly url: string) {}

  async login(email: string, password: string): Promise<request.Response> {
    return this.keep(await this.post('/auth/login').send({ email, password }));
  }

  async loginMfa(body: { challenge: string; code?: string; recoveryCode?: string }): Promise<request.Response> {
    return this.keep(await this.post('/auth/login/mfa').send(body));
  }

  async refresh(): Promise<request.Response> {
    return this.keep(await this.withCookie(this.post('/auth/refresh').set('X-Requested-With', 'warbler')));
  }

  async logout(): Promise<request.Response> {
    return this.keep(await this.withCookie(this.post('/auth/logout').set('X-Requested-With', 'warbler')));
  }

  /** Runs a GraphQL operation; answers `{ data, errors }`. */
  async graphql<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<{ data?: T; errors?: { message: string; extensions: { code: string; reason?: string } }[] }> {
    let call = this.post('/graphql');
    if (this.accessToken) call = call.set('Authorization', `Bearer ${this.accessToken}`);
    if (this.tenantId) call = call.set('X-Tenant-Id', this.tenantId);
    const response = await call.send({ query, variables });
    return response.body;
  }

  post(path: string): request.Test {
    return request(this.url).post(path).set('X-Forwarded-For', this.ip).set('User-Agent', this.userAgent);
  }

  withCookie(call: request.Test): request.Test {
    return this.refreshToken ? call.set('Cookie', `wb_refresh=${this.refreshToken}`) : call;
  }

  private keep(response: request.Response): request.Response {
    const cookie = refreshCookieOf(response);
    if (cookie !== undefined) this.refreshToken = cookie || undefined;
    const token = (response.body as { accessToken?: string } | undefined)?.accessToken;
    if (token) this.accessToken = token;
    return response;
  }
}
