import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Pool } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import QueryStream from 'pg-query-stream';
import { pipeline, type Readable, Transform, type TransformCallback } from 'node:stream';
import { APP_CONFIG, type AppConfig } from '@warbler/api/core';
import { countStatement, csvStatement, type ExportQuery, jsonLinesStatement } from './export-query';

export type ExportFormatName = 'CSV' | 'JSONL';

/** Chunks handed on are about this size: fewer, larger writes to the socket or the file. */
const CHUNK_BYTES = 64 * 1024;
const NEWLINE = 0x0a;

export interface ExportStream {
  /** The file's bytes, in chunks of about 64 KiB; backpressure reaches PostgreSQL through it. */
  readable: Readable;
  /** Data rows handed on so far (the CSV header is not one). */
  rowsSoFar(): number;
  /** Data rows in the whole file, once it has ended. */
  rows(): number;
}

/** Gathers small chunks into larger ones and counts the rows going through. */
class Batcher extends Transform {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  lines = 0;

  constructor(private readonly objectRows: boolean) {
    super({ writableObjectMode: objectRows });
  }

  override _transform(chunk: Buffer | string[], _encoding: BufferEncoding, done: TransformCallback): void {
    let bytes: Buffer;
    if (this.objectRows) {
      bytes = Buffer.from(`${(chunk as string[])[0]}\n`);
      this.lines += 1;
    } else {
      bytes = chunk as Buffer;
      for (let at = bytes.indexOf(NEWLINE); at !== -1; at = bytes.indexOf(NEWLINE, at + 1)) this.lines += 1;
    }
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    if (this.pendingBytes >= CHUNK_BYTES) this.flushPending();
    done();
  }

  override _flush(done: TransformCallback): void {
    this.flushPending();
    done();
  }

  private flushPending(): void {
    if (this.pendingBytes === 0) return;
    this.push(this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending, this.pendingBytes));
    this.pending = [];
    this.pendingBytes = 0;
  }
}

/**
 * Streams exports straight out of PostgreSQL as warbler_platform (every tenant's rows; callers
 * sit behind the Export permission). CSV is PostgreSQL's own `COPY ... TO STDOUT (FORMAT csv,
 * HEADER)`; JSON lines come through a cursor (pg-query-stream) a batch at a time. Either way only
 * a few batches are ever in memory, whatever the export's size.
 */
@Injectable()
export class ExportStreams implements OnModuleDestroy {
  private readonly pool: Pool;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.pool = new Pool({
      connectionString: config.platformDatabaseUrl,
      max: 4,
      application_name: 'warbler-exports',
      connectionTimeoutMillis: 10_000,
    });
  }

  async count(query: ExportQuery): Promise<number> {
    const { rows } = await this.pool.query<{ rows: string }>(countStatement(query));
    return Number(rows[0].rows);
  }

  async open(query: ExportQuery, format: ExportFormatName): Promise<ExportStream> {
    const client = await this.pool.connect();
    let released = false;
    const release = (broken?: Error) => {
      if (released) return;
      released = true;
      // A connection left in the middle of a COPY or a cursor is closed, not pooled.
      client.release(broken);
    };
    const batcher = new Batcher(format === 'JSONL');
    let source: Readable;
    let copyRows: () => number | null = () => null;
    try {
      if (format === 'CSV') {
        const copy = client.query(copyTo(csvStatement(query)));
        copyRows = () => copy.rowCount ?? null;
        source = copy;
      } else {
        source = client.query(new QueryStream(jsonLinesStatement(query), [], { batchSize: 2_000, rowMode: 'array' }));
      }
    } catch (error) {
      release(error as Error);
      throw error;
    }
    pipeline(source, batcher, (error) => release(error ?? undefined));
    const header = format === 'CSV' ? 1 : 0;
    return {
      readable: batcher,
      rowsSoFar: () => Math.max(0, batcher.lines - header),
      rows: () => copyRows() ?? Math.max(0, batcher.lines - header),
    };
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.end();
  }
}
