import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ShippedRuntime {
  flags: string[];
  env: Record<string, string>;
}

/**
 * The node flags and environment every launcher gives the built API (apps/api/src/assets/node-flags.json,
 * shipped in dist), so benchmarks measure the process a deployment runs.
 */
function shippedRuntime(root: string): ShippedRuntime {
  return JSON.parse(readFileSync(join(root, 'dist/apps/api/assets/node-flags.json'), 'utf8')) as ShippedRuntime;
}

export function apiNodeFlags(root: string): string[] {
  return shippedRuntime(root).flags;
}

export function apiNodeEnv(root: string): Record<string, string> {
  return shippedRuntime(root).env;
}
