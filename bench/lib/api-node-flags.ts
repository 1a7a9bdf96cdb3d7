import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The node flags every launcher gives the built API (apps/api/src/assets/node-flags.json, shipped
 * in dist), so benchmarks measure the process a deployment runs.
 */
export function apiNodeFlags(root: string): string[] {
  const file = join(root, 'dist/apps/api/assets/node-flags.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { flags: string[] }).flags;
}
