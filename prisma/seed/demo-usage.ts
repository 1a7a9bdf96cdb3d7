import { NestFactory } from '@nestjs/core';
import { Module } from '@nestjs/common';
import { type ApiKeyCaller, CoreModule } from '@warbler/api/core';
import { MeteringModule, UsageIngestion } from '@warbler/api/metering';

/**
 * Weeks of usage for the demo tenants, sent through the same ingestion path as a tenant's
 * software (validation, exactly-once keys, rollups, quotas, alerts), so that the console
 * is alive on first start. Deterministic: the same seed draws the same traffic.
 */
@Module({ imports: [CoreModule, MeteringModule] })
class DemoUsageModule {}

export interface DemoTraffic {
  caller: Omit<ApiKeyCaller, 'requestId' | 'ip'>;
  periodStart: Date;
  /** Daily volumes on a weekday at the start of the period; weekends are quieter, growth is steady. */
  perDay: { messages: number; apiCalls: number; activeUsers: number; aiCalls: number };
  /** Distinct users the tenant's app has. */
  userBase: number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** mulberry32: a tiny seeded generator, so every demo database gets the same traffic. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface DemoEvent {
  metric: string;
  quantity: string;
  timestamp: string;
  idempotency_key: string;
  properties: Record<string, string>;
}

/** A chat app's day: busy office hours, quiet nights and weekends. */
function dayEvents(traffic: DemoTraffic, dayStart: number, dayIndex: number, rand: () => number, until: number) {
  const weekday = new Date(dayStart).getUTCDay();
  const load = (weekday === 0 || weekday === 6 ? 0.45 : 1) * (1 + dayIndex * 0.02) * (0.9 + rand() * 0.2);
  const at = () => {
    const hour = Math.min(23, Math.max(0, Math.round(13 + (rand() + rand() + rand() - 1.5) * 8)));
    return dayStart + hour * HOUR_MS + Math.floor(rand() * HOUR_MS);
  };
  const events: DemoEvent[] = [];
  const key = (metric: string, n: number) => `demo-${metric}-${dayIndex}-${n}`;
  const user = () => `user-${Math.floor(rand() * traffic.userBase)}`;
  for (let n = 0; n < Math.round(traffic.perDay.messages * load); n++) {
    events.push({
      metric: 'messages_sent',
      quantity: '1',
      timestamp: new Date(at()).toISOString(),
      idempotency_key: key('msg', n),
      properties: { user_id: user(), channel: `c-${n % 12}` },
    });
  }
  for (let n = 0; n < Math.round(traffic.perDay.apiCalls * load); n++) {
    events.push({
      metric: 'api_calls',
      quantity: '1',
      timestamp: new Date(at()).toISOString(),
      idempotency_key: key('api', n),
      properties: { endpoint: n % 3 ? 'messages.send' : 'channels.list' },
    });
  }
  for (let n = 0; n < Math.round(traffic.perDay.activeUsers * load); n++) {
    events.push({
      metric: 'monthly_active_users',
      quantity: '1',
      timestamp: new Date(at()).toISOString(),
      idempotency_key: key('mau', n),
      properties: { user_id: user() },
    });
  }
  for (let n = 0; n < Math.round(traffic.perDay.aiCalls * load); n++) {
    const tokens = 300 + Math.floor(rand() * 2500);
    events.push({
      metric: 'ai_tokens',
      quantity: String(tokens),
      timestamp: new Date(at()).toISOString(),
      idempotency_key: key('ai', n),
      properties: { model: n % 4 ? 'chat-small' : 'chat-large' },
    });
  }
  for (let hour = 0; hour < 24; hour++) {
    const timestamp = dayStart + hour * HOUR_MS + 5 * 60_000;
    if (timestamp >= until) break;
    const busy = hour >= 8 && hour <= 18 ? 1 : 0.3;
    events.push({
      metric: 'storage_gb_hours',
      quantity: (40 + dayIndex * 0.8).toFixed(1),
      timestamp: new Date(timestamp).toISOString(),
      idempotency_key: key(`gbh-${hour}`, 0),
      properties: {},
    });
    events.push({
      metric: 'peak_connections',
      quantity: String(Math.round(traffic.userBase * 0.2 * busy * load * (0.8 + rand() * 0.4))),
      timestamp: new Date(timestamp).toISOString(),
      idempotency_key: key(`conn-${hour}`, 0),
      properties: {},
    });
  }
  // Today's traffic stops now: what the rest of the day would bring has not happened yet.
  return events.filter((event) => Date.parse(event.timestamp) < until);
}

export async function seedDemoUsage(traffic: DemoTraffic[]): Promise<number> {
  // The seed borrows the ingestion path only; the API's own instance runs the periodic jobs.
  process.env['JOBS_ENABLED'] = 'false';
  const app = await NestFactory.createApplicationContext(DemoUsageModule, { logger: ['error'] });
  try {
    const ingestion = app.get(UsageIngestion);
    let accepted = 0;
    const now = Date.now();
    for (const tenant of traffic) {
      const rand = random(tenant.caller.tenantId.charCodeAt(0) * 7919);
      const caller: ApiKeyCaller = { ...tenant.caller, requestId: 'seed', ip: null };
      for (let day = 0, start = tenant.periodStart.getTime(); start < now; day++, start += DAY_MS) {
        const events = dayEvents(tenant, start, day, rand, now);
        for (let i = 0; i < events.length; i += 1000) {
          const result = await ingestion.ingest(caller, { events: events.slice(i, i + 1000) });
          accepted += result.accepted;
        }
      }
    }
    return accepted;
  } finally {
    await app.close();
  }
}
