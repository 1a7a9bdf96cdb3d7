import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StripeFakeAccount, StripeFakeError, type StripeObject } from './stripe-account';

/** One call as the server received it: form parameters flattened exactly as the SDK encoded them. */
export interface RecordedStripeRequest {
  method: string;
  path: string;
  /** `items[0][price]` → `price_1`, for the body of a POST and the query of a GET. */
  params: Record<string, string>;
  idempotencyKey: string | null;
}

interface Failure {
  method: string;
  path: string | RegExp;
  status: number;
  remaining: number;
}

/**
 * A Stripe API of the tests' own, on a free loopback port: the official SDK talks to it through its
 * host/port/protocol settings. It records every request, replays the answer of an idempotency key it
 * has seen (as Stripe does), keeps a small in-memory account (`account`) and can be told to fail the
 * next calls to a path, which a failed call does not cache, like a request that never reached Stripe.
 */
export class StripeTestServer {
  readonly requests: RecordedStripeRequest[] = [];
  readonly account = new StripeFakeAccount();
  private readonly failures: Failure[] = [];
  private readonly replies = new Map<string, { status: number; body: unknown }>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<StripeTestServer> {
    let handler: (req: IncomingMessage, res: ServerResponse) => void = () => undefined;
    const server = createServer((req, res) => handler(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const instance = new StripeTestServer(server, `http://127.0.0.1:${port}`);
    handler = (req, res) => void instance.answer(req, res);
    return instance;
  }

  /** The next `times` calls of `method` to `path` answer `status` with an API error. */
  failNext(method: string, path: string | RegExp, status: number, times = 1): void {
    this.failures.push({ method, path, status, remaining: times });
  }

  /** The requests to paths matching `path` (and `method`, if given), in the order received. */
  requestsTo(path: string | RegExp, method?: string): RecordedStripeRequest[] {
    return this.requests.filter((request) => matches(path, request.path) && (!method || request.method === method));
  }

  clear(): void {
    this.requests.length = 0;
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const body = await readBody(req);
    const method = req.method ?? 'GET';
    const params = Object.fromEntries(new URLSearchParams(method === 'GET' ? url.search : body));
    const header = req.headers['idempotency-key'];
    const idempotencyKey = typeof header === 'string' ? header : null;
    this.requests.push({ method, path: url.pathname, params, idempotencyKey });

    const failure = this.failures.find((f) => f.remaining > 0 && f.method === method && matches(f.path, url.pathname));
    if (failure) {
      failure.remaining -= 1;
      return send(res, failure.status, apiError('api_error', `injected failure ${failure.status}`));
    }
    const replayKey = idempotencyKey && `${method} ${url.pathname} ${idempotencyKey}`;
    const replay = replayKey ? this.replies.get(replayKey) : undefined;
    if (replay) return send(res, replay.status, replay.body, { 'idempotent-replayed': 'true' });

    let reply: { status: number; body: unknown };
    try {
      reply = { status: 200, body: this.account.handle(method, url.pathname, params) };
    } catch (error) {
      if (!(error instanceof StripeFakeError)) throw error;
      reply = { status: error.status, body: apiError('invalid_request_error', error.message, error.code) };
    }
    if (replayKey) this.replies.set(replayKey, reply);
    send(res, reply.status, reply.body);
  }
}

export type { StripeObject };

function matches(pattern: string | RegExp, path: string): boolean {
  return typeof pattern === 'string' ? pattern === path : pattern.test(path);
}

function apiError(type: string, message: string, code?: string) {
  return { error: { type, message, ...(code && { code }) } };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_test_${Date.now()}`, ...headers });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
