import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import type { Profiler } from 'node:inspector';
import { dirname, join, relative } from 'node:path';

const root = join(__dirname, '../..');

export interface ProfileShare {
  where: string;
  ms: number;
}

/** Where sampled time went, by package (node_modules) or repository file, heaviest first. */
function sharesOf(profile: Profiler.Profile): ProfileShare[] {
  const samples = profile.nodes.reduce((sum, node) => sum + (node.hitCount ?? 0), 0);
  const msPerSample = (profile.endTime - profile.startTime) / 1000 / Math.max(samples, 1);
  const byPlace = new Map<string, number>();
  for (const node of profile.nodes) {
    const { url, functionName } = node.callFrame;
    const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
    const where = modules
      ? modules[1]
      : url.startsWith('file://') || url.startsWith('/')
        ? relative(root, url.replace('file://', ''))
        : url || functionName || '(anonymous)';
    byPlace.set(where, (byPlace.get(where) ?? 0) + (node.hitCount ?? 0) * msPerSample);
  }
  return [...byPlace].map(([where, ms]) => ({ where, ms })).sort((a, b) => b.ms - a.ms);
}

/**
 * A V8 CPU profile of this process over one measured stretch, written where Chrome DevTools or
 * speedscope open it, and summarised: "(idle)" is the time Node waited, here on PostgreSQL.
 */
export async function startCpuProfile(): Promise<(file: string) => Promise<ProfileShare[]>> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async (file) => {
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(profile));
    return sharesOf(profile);
  };
}
