import { readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import semver from 'semver';

/**
 * npm (10 and 11, npm/cli#4828 and #8320) leaves the other platforms' optional packages
 * (rollup, esbuild, swc, sass-embedded, ... native builds) out of package-lock.json, and
 * then `npm ci` refuses that same lockfile as out of sync. This adds each missing entry
 * with the registry's own metadata (version, integrity, os/cpu/libc), so `npm ci` works on
 * every platform. Run it after changing dependencies: `npm run deps:lock`.
 */
const lockPath = new URL('../../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
const packages = lock.packages;
const registry = execFileSync('npm', ['config', 'get', 'registry'], { encoding: 'utf8' }).trim().replace(/\/$/, '');

/** Where Node would find `name` from the package at `from` (a lock path). */
function resolves(from, name) {
  let dir = from;
  for (;;) {
    if (packages[`${dir ? `${dir}/` : ''}node_modules/${name}`]) return true;
    if (!dir) return false;
    const parent = dir.lastIndexOf('/node_modules/');
    dir = parent === -1 ? '' : dir.slice(0, parent);
  }
}

const missing = [];
for (const [path, entry] of Object.entries(packages)) {
  for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    if (!resolves(path, name)) missing.push({ name, spec, parent: path });
  }
}

for (const { name, spec, parent } of missing) {
  const response = await fetch(`${registry}/${name.replace('/', '%2f')}`);
  if (!response.ok) throw new Error(`${name}: registry answered ${response.status}`);
  const packument = await response.json();
  // A registry mirror may lack the exact build of another platform; its platform fields
  // are the same in every version, and npm fetches the real one where it is needed.
  const version =
    semver.valid(spec) ??
    semver.maxSatisfying(Object.keys(packument.versions), spec) ??
    semver.minVersion(spec).version;
  const exact = packument.versions[version];
  const manifest = exact ?? packument.versions[packument['dist-tags'].latest];
  const top = `node_modules/${name}`;
  const at = packages[top] ? `${parent}/node_modules/${name}` : top;
  packages[at] = {
    version,
    ...(exact && { integrity: exact.dist.integrity }),
    ...(manifest.license && { license: manifest.license }),
    optional: true,
    ...(manifest.os && { os: manifest.os }),
    ...(manifest.cpu && { cpu: manifest.cpu }),
    ...(manifest.libc && { libc: manifest.libc }),
  };
}

lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`added ${missing.length} optional platform package(s) to package-lock.json`);
