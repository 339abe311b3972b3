#!/usr/bin/env node
// Every package `npm ci` installs must run on the oldest Node the root's `engines.node` admits (issue 60:
// rxdb's z-schema 12 asked for Node 22 while the README said 20.19). Reads package-lock.json, which is what
// `npm ci` installs, skips packages for another OS or CPU (npm leaves them out), and lists each package
// whose `engines.node` excludes the floor. Run by scripts/check-engines.test.ts (so by CI's `npm test`),
// or by hand: `node scripts/check-engines.mjs` exits 1 and names the packages when there are any.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';

/** The lowest Node version the range admits, e.g. ">=20.19" -> "20.19.0". */
export function nodeFloor(range) {
  const floor = semver.minVersion(range);
  if (!floor) throw new Error(`engines.node "${range}" admits no version`);
  return floor.version;
}

// npm's os/cpu fields: a list of names, each may be negated with "!".
function admits(list, value) {
  if (!Array.isArray(list) || list.length === 0) return true;
  if (list.includes(`!${value}`)) return false;
  const allowed = list.filter((name) => !name.startsWith('!'));
  return allowed.length === 0 || allowed.includes(value);
}

/**
 * The installed packages whose engines.node excludes the root's floor: `{ name, version, node }` each.
 * `lock` is a parsed package-lock.json (v2 or v3); `platform` and `arch` say which optional packages install.
 */
export function engineConflicts(lock, { platform = process.platform, arch = process.arch } = {}) {
  const root = lock.packages?.[''];
  const rootRange = root?.engines?.node;
  if (!rootRange) throw new Error('the root package.json has no engines.node');
  const floor = nodeFloor(rootRange);
  const conflicts = [];
  for (const [path, entry] of Object.entries(lock.packages ?? {})) {
    if (path === '' || !path.includes('node_modules/') || entry.link) continue;
    if (!admits(entry.os, platform) || !admits(entry.cpu, arch)) continue;
    const node =
      typeof entry.engines === 'object' && !Array.isArray(entry.engines) ? entry.engines.node : undefined;
    if (typeof node !== 'string' || node.trim() === '' || node.trim() === '*') continue;
    if (!semver.satisfies(floor, node, { includePrerelease: true, loose: true })) {
      const name = entry.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
      conflicts.push({ name, version: entry.version, node });
    }
  }
  return { floor, conflicts };
}

function main() {
  const rootDir = join(dirname(fileURLToPath(import.meta.url)), '..');
  const lock = JSON.parse(readFileSync(join(rootDir, 'package-lock.json'), 'utf8'));
  const { floor, conflicts } = engineConflicts(lock);
  if (conflicts.length === 0) {
    console.log(`every installed package runs on Node ${floor}`);
    return;
  }
  console.error(`these packages do not run on Node ${floor} (the root's engines.node floor):`);
  for (const c of conflicts) console.error(`  ${c.name}@${c.version} needs node ${c.node}`);
  console.error('pin a version that does with an "overrides" entry in package.json, or raise the floor');
  process.exitCode = 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
