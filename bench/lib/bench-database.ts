import { Client } from 'pg';

/**
 * Databases of the PostgreSQL server the benchmarks use (the one in DATABASE_URL, default the local
 * one), addressed by name. A large data set is loaded once into a database kept as a template, and
 * each measured run works on a fresh copy of it: every run starts from the same state whatever the
 * code under test writes, and the copy costs seconds where a reload costs minutes.
 */
export class BenchDatabases {
  constructor(private readonly serverUrl: string) {}

  url(name: string): string {
    const url = new URL(this.serverUrl);
    url.pathname = `/${name}`;
    return url.toString();
  }

  /** The marker a finished load left on the database, or null (no such database, or no finished load). */
  marker(name: string): Promise<string | null> {
    return this.onServer(async (server) => {
      const { rows } = await server.query<{ marker: string | null }>(
        `SELECT shobj_description(oid, 'pg_database') AS marker FROM pg_database WHERE datname = $1`,
        [name],
      );
      return rows[0]?.marker ?? null;
    });
  }

  /** Written last, so that a load that stopped half-way is never taken for a finished one. */
  setMarker(name: string, marker: string): Promise<void> {
    return this.onServer(async (server) => {
      await server.query(`COMMENT ON DATABASE ${server.escapeIdentifier(name)} IS ${server.escapeLiteral(marker)}`);
    });
  }

  /**
   * Replaces `name` with a copy of `template`. FILE_COPY copies the files instead of writing every
   * page to the WAL, which is what makes a copy of gigabytes quick. Nobody may be connected to either.
   */
  async copy(template: string, name: string): Promise<string> {
    await this.onServer(async (server) => {
      await server.query(`DROP DATABASE IF EXISTS ${server.escapeIdentifier(name)} WITH (FORCE)`);
      await server.query(
        `CREATE DATABASE ${server.escapeIdentifier(name)} TEMPLATE ${server.escapeIdentifier(template)} STRATEGY FILE_COPY`,
      );
    });
    return this.url(name);
  }

  drop(name: string): Promise<void> {
    return this.onServer(async (server) => {
      await server.query(`DROP DATABASE IF EXISTS ${server.escapeIdentifier(name)} WITH (FORCE)`);
    });
  }

  private async onServer<T>(work: (server: Client) => Promise<T>): Promise<T> {
    const server = new Client({ connectionString: this.serverUrl });
    await server.connect();
    try {
      return await work(server);
    } finally {
      await server.end();
    }
  }
}
