// Every package `npm ci` installs runs on the Node floor the root's engines.node and the README name
// (issue 60: rxdb's z-schema 12.4.6 and graphql 17 asked for Node 22 while the floor is 20.19).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script, run by node in CI; no type declarations
import { engineConflicts, nodeFloor } from './check-engines.mjs';

type Conflict = { name: string; version: string; node: string };
const check = engineConflicts as (
  lock: unknown,
  opts?: { platform?: string; arch?: string },
) => { floor: string; conflicts: Conflict[] };

const root = join(import.meta.dirname, '..');
const readJson = (file: string): unknown => JSON.parse(readFileSync(join(root, file), 'utf8'));

describe('installed packages and the Node floor', () => {
  it('package-lock.json installs nothing that excludes the root engines.node floor', () => {
    const pkg = readJson('package.json') as { engines: { node: string } };
    const { floor, conflicts } = check(readJson('package-lock.json'));
    expect(floor).toBe(nodeFloor(pkg.engines.node));
    expect(floor).toBe('20.19.0');
    expect(conflicts).toEqual([]);
  });

  it('names a package whose engines.node excludes the floor, and skips other platforms, links and "*"', () => {
    const lock = {
      packages: {
        '': { name: 'x', engines: { node: '>=20.19' } },
        'node_modules/z-schema': { version: '12.4.6', engines: { node: '>=22.0.0' } },
        'node_modules/z-schema/node_modules/commander': { version: '15.1.0', engines: { node: '>=22.12.0' } },
        'node_modules/graphql': {
          version: '16.15.0',
          engines: { node: '^12.22.0 || ^14.16.0 || ^16.0.0 || >=17.0.0' },
        },
        'node_modules/old-only': { version: '1.0.0', engines: { node: '<20' } },
        'node_modules/@scope/win': { version: '1.0.0', os: ['win32'], engines: { node: '>=99' } },
        'node_modules/@app/shared': { resolved: 'shared', link: true },
        'node_modules/any': { version: '1.0.0', engines: { node: '*' } },
        'node_modules/legacy': { version: '1.0.0', engines: ['node >= 0.8'] },
      },
    };
    expect(check(lock, { platform: 'linux', arch: 'x64' }).conflicts).toEqual([
      { name: 'z-schema', version: '12.4.6', node: '>=22.0.0' },
      { name: 'commander', version: '15.1.0', node: '>=22.12.0' },
      { name: 'old-only', version: '1.0.0', node: '<20' },
    ]);
    expect(check(lock, { platform: 'win32', arch: 'x64' }).conflicts.map((c) => c.name)).toContain(
      '@scope/win',
    );
  });
});
