import type { Response } from 'express';
import type { Readable } from 'node:stream';

/**
 * Copies the export to the response, waiting for the socket to drain whenever its buffer is
 * full, so a slow client slows PostgreSQL down instead of filling the server's memory. The
 * headers go out with the first chunk: a statement that fails at once still gets a proper error
 * answer from the caller. Resolves true when everything was written, false when the client left;
 * the caller ends the response, after recording the export, so that no export goes unrecorded.
 */
export async function sendStream(response: Response, readable: Readable, headers: () => void): Promise<boolean> {
  const chunks = readable[Symbol.asyncIterator]();
  const first = await chunks.next();
  headers();
  try {
    for (let next = first; !next.done; next = await chunks.next()) {
      if (response.destroyed) return false;
      if (!response.write(next.value)) await drained(response);
    }
  } finally {
    // Leaving the loop early must also stop the query behind the stream.
    if (!readable.destroyed && !readable.readableEnded) readable.destroy();
  }
  return !response.destroyed;
}

function drained(response: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
  });
}
