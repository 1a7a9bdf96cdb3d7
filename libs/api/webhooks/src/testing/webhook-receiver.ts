import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the tenant's endpoint saw it: the raw body is what signatures cover. */
export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  receivedAt: Date;
}

export interface ReceiverAnswer {
  status: number;
  body?: string;
  /** Wait this long before answering (a slow or hanging endpoint). */
  delayMs?: number;
}

/** How the receiver answers its n-th request (0-based); 200 by default. */
export type AnswerPlan = (request: ReceivedWebhook, index: number) => ReceiverAnswer;

export interface WebhookReceiver {
  /** http://127.0.0.1:<port>/hooks */
  url: string;
  port: number;
  received: ReceivedWebhook[];
  /** TCP connections accepted, requests or not: a refused target must open none. */
  connections(): number;
  answerWith(plan: AnswerPlan): void;
  /** Resolves once `count` requests have come in. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedWebhook[]>;
  close(): Promise<void>;
}

/** A tenant's endpoint in a test: a local HTTP server that keeps every request it gets. */
export async function startWebhookReceiver(
  plan: AnswerPlan = () => ({ status: 200, body: 'ok' }),
): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  let answer = plan;
  const waiters: (() => void)[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), receivedAt: new Date() };
      const index = received.push(request) - 1;
      waiters.splice(0).forEach((wake) => wake());
      const { status, body = '', delayMs = 0 } = answer(request, index);
      const timer = setTimeout(() => {
        if (!res.destroyed) res.writeHead(status, { 'content-type': 'text/plain' }).end(body);
      }, delayMs);
      res.on('close', () => clearTimeout(timer));
    });
  });
  let connections = 0;
  server.on('connection', () => {
    connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    port,
    received,
    connections: () => connections,
    answerWith: (next) => {
      answer = next;
    },
    async waitFor(count, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`The receiver got ${received.length} of ${count} requests in time`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
      return received;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
