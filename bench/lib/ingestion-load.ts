import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import type { BenchMetric, BenchTenant } from './bench-tenant';

/** Posting usage as tenants' software does: batches of events with API keys, over keep-alive connections. */
export const BATCH = 1000;

export interface Event {
  metric: string;
  quantity: string;
  timestamp: string;
  idempotency_key: string;
  properties: Record<string, string>;
}

/** A chat cloud's traffic: mostly messages, some AI tokens, active users, connection peaks. */
export function makeEvents(count: number, metrics: BenchMetric[]): Event[] {
  const now = Date.now();
  const byCode = (code: string) => metrics.find((metric) => metric.code === code) as BenchMetric;
  const mix = [
    ...Array<BenchMetric>(7).fill(byCode('messages_sent')),
    byCode('ai_tokens'),
    byCode('monthly_active_users'),
    byCode('peak_connections'),
  ];
  return Array.from({ length: count }, (_, index) => {
    const metric = mix[index % mix.length];
    return {
      metric: metric.code,
      quantity: metric.aggregation === 'COUNT' ? '1' : String(1 + (index % 977)),
      timestamp: new Date(now - (index % 3_600) * 1000).toISOString(),
      idempotency_key: randomUUID(),
      properties: { user_id: `u-${index % 5_000}`, channel: `c-${index % 40}` },
    };
  });
}

/** Posts `events` in batches of BATCH from `concurrency` clients (client i for tenant i); resolves with events/s. */
export async function ingest(
  baseUrl: string,
  tenants: BenchTenant[],
  events: Event[],
  concurrency: number,
): Promise<number> {
  const bodies: string[] = [];
  for (let i = 0; i < events.length; i += BATCH) bodies.push(JSON.stringify({ events: events.slice(i, i + BATCH) }));
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const url = new URL('/v1/usage/events', baseUrl);
  let next = 0;
  const post = (body: string, tenant: BenchTenant) =>
    new Promise<void>((resolve, reject) => {
      const req = request(
        url,
        {
          method: 'POST',
          agent,
          headers: {
            authorization: `Bearer ${tenant.apiKey}`,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString();
            if (res.statusCode !== 200) return reject(new Error(`HTTP ${res.statusCode}: ${text.slice(0, 300)}`));
            const summary = JSON.parse(text) as { accepted: number };
            if (summary.accepted !== BATCH)
              return reject(new Error(`only ${summary.accepted} accepted: ${text.slice(0, 300)}`));
            resolve();
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, client) => {
      while (next < bodies.length) await post(bodies[next++], tenants[client % tenants.length]);
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  return events.length / seconds;
}
