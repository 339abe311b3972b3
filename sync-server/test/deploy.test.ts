// deploy/ (compose, cluster setup, nginx) is written, not run here (no Docker engine). This checks it
// against what the cluster test runs (cluster.test.ts on the kit's 3-node CouchDB): the same n and q,
// one cookie and secret on every node, each server entering the cluster through a node of its own,
// and the balancer leaving a server whose store is down (its answers are 503, /readyz too).
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { kitScript } from './couchdb-kit';

const deploy = (file: string) => readFileSync(new URL(`../../deploy/${file}`, import.meta.url), 'utf8');
const compose = deploy('compose.yaml');

/** The service blocks of compose.yaml, by name (two-space indented keys under `services:`). */
function services(): Map<string, string> {
  const body = compose.slice(compose.indexOf('\nservices:\n'), compose.indexOf('\nvolumes:\n'));
  const out = new Map<string, string>();
  for (const m of body.matchAll(/^ {2}([\w-]+):\n((?:(?: {4}.*)?\n)*)/gm)) out.set(m[1]!, m[2]!);
  return out;
}

describe('deploy/ matches the cluster the tests run', () => {
  it('sets the same n and q as the kit the cluster test runs on', () => {
    const setup = deploy('cluster-setup.sh');
    const set = (key: string) => new RegExp(`_config/cluster/${key}" -d '"(\\d+)"'`).exec(setup)?.[1];
    expect({ n: set('n'), q: set('q') }).toEqual({ n: '3', q: '2' });
    if (!existsSync(kitScript)) return; // the kit is beside the project on the build machines
    expect(readFileSync(kitScript, 'utf8')).toContain(String.raw`printf 'q = 2\nn = 3\n'`);
  });

  it('gives every CouchDB node the same cookie and secret', () => {
    const all = services();
    const nodes = [...all.keys()].filter((n) => /^couchdb-\d$/.test(n));
    expect(nodes).toEqual(['couchdb-1', 'couchdb-2', 'couchdb-3']);
    expect(compose).toMatch(
      /x-couchdb: &couchdb\n[\s\S]*?environment: &couchdb-env\n[\s\S]*?-setcookie \$\{COUCHDB_COOKIE/,
    );
    expect(compose).toMatch(/&couchdb-env[\s\S]*?COUCHDB_SECRET: \$\{COUCHDB_SECRET/);
    for (const node of nodes) {
      expect(all.get(node)).toContain('<<: *couchdb\n');
      expect(all.get(node)).toContain('<<: *couchdb-env\n');
      expect(all.get(node)).not.toMatch(/COUCHDB_SECRET|ERL_FLAGS/); // no node overrides them
    }
  });

  it('lets each server enter the cluster through a node of its own, as the cluster test does', () => {
    const all = services();
    const defaultUrl = /&sync-env[\s\S]*?COUCHDB_URL: .*@([\w.-]+):5984/.exec(compose)?.[1];
    const entry = (name: string) =>
      /COUCHDB_URL: .*@([\w.-]+):5984/.exec(all.get(name) ?? '')?.[1] ?? defaultUrl;
    const servers = [...all.keys()].filter((n) => /^sync-\d$/.test(n));
    expect(servers).toEqual(['sync-1', 'sync-2']);
    const entries = servers.map(entry);
    expect(entries).toEqual(['couchdb-1.cluster', 'couchdb-2.cluster']);
    expect(new Set(entries).size).toBe(servers.length);
  });

  it('lets the desktop app in by default (its pages load from app://desktop)', () => {
    expect(compose).toMatch(/CORS_ORIGINS: \$\{CORS_ORIGINS:-[^}]*\bapp:\/\/desktop\b/);
  });

  it('checks servers on /readyz and sends requests elsewhere on a 503', () => {
    expect(compose).toMatch(/x-sync-server[\s\S]*?healthcheck:[\s\S]*?localhost:8080\/readyz/);
    const nginx = deploy('nginx.conf');
    expect(nginx).toMatch(/proxy_next_upstream [^;]*http_503/);
    for (const server of ['sync-1:8080', 'sync-2:8080']) expect(nginx).toContain(`server ${server}`);
  });
});
