import { Client } from 'pg';

/** PostgreSQL's own account of a database's sessions (pg_stat_database, PostgreSQL 14+), in ms. */
export interface ServerTime {
  /** Executing statements. */
  activeMs: number;
  /** Inside a transaction, waiting for the client's next statement. */
  idleInTransactionMs: number;
  commits: number;
}

/**
 * Sessions report these figures when they end (and now and then while idle), so read them once
 * every session that did the work has closed: `waitForSessionsToEnd` first.
 */
export async function serverTime(url: string): Promise<ServerTime> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ active: number; idle: number; commits: string }>(
      `SELECT active_time AS active, idle_in_transaction_time AS idle, xact_commit AS commits
       FROM pg_stat_database WHERE datname = current_database()`,
    );
    return { activeMs: rows[0].active, idleInTransactionMs: rows[0].idle, commits: Number(rows[0].commits) };
  } finally {
    await client.end();
  }
}

export async function waitForSessionsToEnd(url: string, timeoutMs = 10_000): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const started = Date.now();
    for (;;) {
      const { rows } = await client.query<{ others: string }>(
        `SELECT count(*) AS others FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
      );
      if (rows[0].others === '0') break;
      if (Date.now() - started > timeoutMs) throw new Error(`${rows[0].others} sessions are still open`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await client.end();
  }
  // Sessions write their figures before they leave pg_stat_activity; a moment's grace all the same.
  await new Promise((resolve) => setTimeout(resolve, 200));
}
