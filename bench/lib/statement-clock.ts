import { Client } from 'pg';

export interface StatementTotals {
  count: number;
  ms: number;
}

export interface StatementTimings {
  /** Wall time during which at least one statement was in flight. */
  busyMs: number;
  statements: number;
  /** By SQL text: Prisma sends the same text for every use of one query shape. */
  bySql: Map<string, StatementTotals>;
}

type Query = (this: Client, ...args: unknown[]) => unknown;

/**
 * Times every statement this process sends through node-postgres, which is what Prisma's pg
 * adapter and the API's own pools use: from the call of Client#query until its result is in, so
 * the network round trip, PostgreSQL's work and node-postgres reading the rows. What remains of
 * a sequential job's wall time was spent in Node: Prisma, the job's own code, the event loop.
 */
export class StatementClock {
  private original: Query | null = null;
  private inFlight = 0;
  private busySince = 0;
  private timings: StatementTimings = { busyMs: 0, statements: 0, bySql: new Map() };

  /** Runs `work` with every statement of the process timed; answers its result and the timings. */
  async measure<T>(work: () => Promise<T>): Promise<{ result: T; timings: StatementTimings }> {
    this.start();
    try {
      const result = await work();
      return { result, timings: this.timings };
    } finally {
      this.stop();
    }
  }

  private start(): void {
    if (this.original) throw new Error('The statement clock is already running');
    const original = Client.prototype.query as unknown as Query;
    this.original = original;
    this.timings = { busyMs: 0, statements: 0, bySql: new Map() };
    const begin = (sql: string) => this.begin(sql);
    (Client.prototype as unknown as { query: Query }).query = function (this: Client, ...args: unknown[]) {
      const [config] = args;
      // Streams (COPY, cursors) are submitted objects that report their own end; none are timed.
      if (typeof (config as { submit?: unknown } | null)?.submit === 'function') return original.apply(this, args);
      const done = begin(typeof config === 'string' ? config : String((config as { text?: unknown }).text));
      const last = args.length - 1;
      if (typeof args[last] === 'function') {
        const callback = args[last] as (...results: unknown[]) => void;
        args[last] = (...results: unknown[]) => {
          done();
          callback(...results);
        };
        return original.apply(this, args);
      }
      const result = original.apply(this, args);
      if (result instanceof Promise) result.then(done, done);
      return result;
    };
  }

  private stop(): void {
    if (this.original) (Client.prototype as unknown as { query: Query }).query = this.original;
    this.original = null;
  }

  private begin(sql: string): () => void {
    const started = performance.now();
    if (this.inFlight++ === 0) this.busySince = started;
    let finished = false;
    return () => {
      if (finished) return;
      finished = true;
      const ended = performance.now();
      const totals = this.timings.bySql.get(sql) ?? { count: 0, ms: 0 };
      totals.count += 1;
      totals.ms += ended - started;
      this.timings.bySql.set(sql, totals);
      this.timings.statements += 1;
      if (--this.inFlight === 0) this.timings.busyMs += ended - this.busySince;
    };
  }
}
