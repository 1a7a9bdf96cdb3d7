import { fork } from 'node:child_process';
import { Agent, request } from 'node:http';
import { percentile } from './stats';

/**
 * An open-model load generator: one request every 1/rate seconds, each sent at its own scheduled
 * instant whatever the earlier ones are doing, and timed from that instant, not from when it
 * actually left. A server that stalls is charged for every request that had to wait behind the
 * stall (no coordinated omission), and no burst is sent that the rate does not call for.
 * It runs in a child process so the bench's own work never delays a send.
 */
export interface ConstantRateOptions {
  url: string;
  headers: Record<string, string>;
  rate: number;
  seconds: number;
  /** Keep-alive connections; a request waits for a free one, and that wait counts. */
  connections: number;
}

export interface LatencySummary {
  /** Requests answered per second over the run. */
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** Answers other than 2xx, and failed requests. */
  errors: number;
}

export function runConstantRateLoad(options: ConstantRateOptions): Promise<LatencySummary> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, [], { execArgv: process.execArgv, stdio: 'inherit' });
    child.once('message', (summary: LatencySummary) => resolve(summary));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the load generator exited with ${code}`));
    });
    child.send(options);
  });
}

function generate(options: ConstantRateOptions): Promise<LatencySummary> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const total = Math.round(options.rate * options.seconds);
  const intervalMs = 1000 / options.rate;
  const latencies = new Float64Array(total);
  let sent = 0;
  let answered = 0;
  let errors = 0;
  const started = performance.now();

  return new Promise((resolve) => {
    const finish = () => {
      clearInterval(timer);
      agent.destroy();
      const elapsedSeconds = (performance.now() - started) / 1000;
      const values = Array.from(latencies);
      resolve({
        rps: Math.round((answered / elapsedSeconds) * 10) / 10,
        p50: round(percentile(values, 50)),
        p90: round(percentile(values, 90)),
        p99: round(percentile(values, 99)),
        max: round(values.reduce((a, b) => Math.max(a, b), 0)),
        errors,
      });
    };
    const send = (index: number) => {
      const scheduled = started + index * intervalMs;
      const done = (ok: boolean) => {
        latencies[index] = performance.now() - scheduled;
        if (!ok) errors += 1;
        answered += 1;
        if (answered === total) finish();
      };
      const req = request(options.url, { agent, headers: options.headers }, (res) => {
        res.resume();
        res.once('end', () => done((res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300));
      });
      req.once('error', () => done(false));
      req.end();
    };
    // Node's timers fire at most every millisecond; each tick sends whatever has come due.
    const timer = setInterval(() => {
      const due = Math.min(total, Math.floor((performance.now() - started) / intervalMs) + 1);
      while (sent < due) send(sent++);
    }, 1);
  });
}

const round = (ms: number) => Math.round(ms * 100) / 100;

if (require.main === module) {
  process.once('message', (options: ConstantRateOptions) => {
    void generate(options).then((summary) => {
      process.send?.(summary, () => process.exit(0));
    });
  });
}
