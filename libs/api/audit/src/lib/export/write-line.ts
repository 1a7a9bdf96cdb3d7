import type { Response } from 'express';

/**
 * Writes one line and, when the socket's buffer is full, waits for it to drain, so a slow
 * client slows the export down instead of filling the server's memory. Resolves false
 * once the client has gone away.
 */
export async function writeLine(response: Response, line: string): Promise<boolean> {
  if (response.destroyed) return false;
  if (response.write(line)) return true;
  await new Promise<void>((resolve) => {
    const done = () => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
  });
  return !response.destroyed;
}
