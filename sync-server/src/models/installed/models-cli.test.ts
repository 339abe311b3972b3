// `npm run models -- add|list|remove|pin` against a fake hub on loopback (sync-server/test/fake-hf-hub.ts)
// serving a tiny ONNX model of the real format (input_ids/attention_mask -> last_hidden_state) and its
// tokenizer.json: files land in <data>/models/<name>/ with the hub's URL scheme and HF_TOKEN, progress is
// printed as plain lines off a terminal, a cut connection is continued with Range (206) and a ranged
// request answered 200 starts over, bytes that are not the pinned ones are refused and deleted, `list`
// shows sizes, `remove` deletes, `pin` reads the hub's API, and the installed folder embeds.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOnnxEmbedder } from '@app/shared/node';
import { writeTinyOnnxModel } from '@app/shared/testing';
import { pinnedEntry, startFakeHub, type FakeHub, type HubRepo } from '../../../test/fake-hf-hub';
import { runModelsCli } from './commands';
import { installedModels } from './install';

const root = mkdtempSync(join(tmpdir(), 'models-cli-'));
let hub: FakeHub;
let repo: HubRepo;
let registryPath: string;

const SHA = 'a'.repeat(40);

beforeAll(async () => {
  const made = join(root, 'made');
  writeTinyOnnxModel(made, { config: true, maxTokens: 64 });
  const files: Record<string, Buffer> = {};
  // The layout of a hub export: the model under onnx/.
  files['onnx/model.onnx'] = readFileSync(join(made, 'model.onnx'));
  for (const f of ['tokenizer.json', 'tokenizer_config.json', 'config.json'])
    files[f] = readFileSync(join(made, f));
  repo = { repo: 'test-org/tiny-e5', sha: SHA, files, token: 'hf_secret' };
  hub = await startFakeHub([repo]);
  registryPath = join(root, 'registry.json');
  writeFileSync(registryPath, JSON.stringify([pinnedEntry(repo, 'tiny-e5')]));
});
afterAll(async () => {
  await hub?.close();
  rmSync(root, { recursive: true, force: true });
});

async function cli(args: string[], env: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const code = await runModelsCli([...args, '--registry', registryPath], {
    out: { write: (t: string) => (out += t), isTTY: false },
    err: { write: (t: string) => (err += t) },
    env: { HF_ENDPOINT: hub.url, HF_TOKEN: 'hf_secret', ...env },
  });
  return { code, out, err };
}

const dataDir = (name: string) => {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  return dir;
};

describe('models add', () => {
  it('downloads the pinned files into the data folder, printing progress lines, and the folder embeds', async () => {
    const data = dataDir('fresh');
    hub.requests.length = 0;
    const { code, out, err } = await cli(['add', 'tiny-e5', '--data-dir', data]);
    expect(err).toBe('');
    expect(code).toBe(0);
    const dir = join(data, 'models', 'tiny-e5');
    for (const path of Object.keys(repo.files))
      expect(readFileSync(join(dir, path)).equals(repo.files[path]!)).toBe(true);
    expect(readdirSync(join(dir, 'onnx'))).toEqual(['model.onnx']); // no .part left
    // The hub's URL scheme at the pinned sha, the token as a bearer header.
    const gets = hub.requests.filter((r) => r.path.includes('/resolve/'));
    expect(gets.map((r) => r.path).sort()).toEqual(
      Object.keys(repo.files)
        .map((p) => `/test-org/tiny-e5/resolve/${SHA}/${p}`)
        .sort(),
    );
    expect(gets.every((r) => r.authorization === 'Bearer hf_secret')).toBe(true);
    expect(out).toMatch(/^onnx\/model\.onnx: 0% \(0\.0 of 0\.0 MB\)$/m);
    expect(out).toMatch(/^onnx\/model\.onnx: 100% /m);
    expect(out).toMatch(/tiny-e5: installed \(\d+\.\d kB\)/);
    expect(installedModels(data).map((m) => [m.name, m.revision])).toEqual([['tiny-e5', SHA]]);
    const [vector] = await createOnnxEmbedder(dir).embed(['price of the plan']);
    expect(vector).toHaveLength(5);

    // Again: nothing downloaded, each file checked.
    hub.requests.length = 0;
    const again = await cli(['add', 'tiny-e5', '--data-dir', data]);
    expect(again.code).toBe(0);
    expect(hub.requests).toEqual([]);
    expect(again.out).toContain('onnx/model.onnx: already here, checked');
  });

  it('continues a cut connection with a Range request (206) and gets the exact bytes', async () => {
    const data = dataDir('cut');
    const model = repo.files['onnx/model.onnx']!;
    hub.cutAfter('onnx/model.onnx', Math.floor(model.length / 2));
    hub.requests.length = 0;
    const { code, out, err } = await cli(['add', 'tiny-e5', '--data-dir', data]);
    expect(err).toBe('');
    expect(code).toBe(0);
    const modelGets = hub.requests.filter((r) => r.path.endsWith('model.onnx'));
    expect(modelGets).toHaveLength(2);
    expect(modelGets[0]!.range).toBeUndefined();
    expect(modelGets[1]!.range).toBe(`bytes=${Math.floor(model.length / 2)}-`);
    expect(out).toMatch(/onnx\/model\.onnx: connection lost .*continuing from \d+ bytes \(try 2\)/);
    expect(readFileSync(join(data, 'models/tiny-e5/onnx/model.onnx')).equals(model)).toBe(true);
  });

  it('continues a part left by an earlier run; a server answering 200 to the range starts it over', async () => {
    const model = repo.files['onnx/model.onnx']!;
    const half = Math.floor(model.length / 2);
    const resumed = dataDir('resumed');
    mkdirSync(join(resumed, 'models/tiny-e5/onnx'), { recursive: true });
    writeFileSync(join(resumed, 'models/tiny-e5/onnx/model.onnx.part'), model.subarray(0, half));
    const listed = await cli(['list', '--data-dir', resumed]);
    expect(listed.out).toMatch(/^tiny-e5 +incomplete .*run add again/m);
    hub.requests.length = 0;
    expect((await cli(['add', 'tiny-e5', '--data-dir', resumed])).code).toBe(0);
    expect(hub.requests.find((r) => r.path.endsWith('model.onnx'))?.range).toBe(`bytes=${half}-`);
    expect(readFileSync(join(resumed, 'models/tiny-e5/onnx/model.onnx')).equals(model)).toBe(true);

    const over = dataDir('over');
    mkdirSync(join(over, 'models/tiny-e5/onnx'), { recursive: true });
    // A part of other bytes: appended to, it would fail the check; the 200 makes it start over.
    writeFileSync(join(over, 'models/tiny-e5/onnx/model.onnx.part'), Buffer.alloc(half, 7));
    hub.ignoreRanges(true);
    try {
      expect((await cli(['add', 'tiny-e5', '--data-dir', over])).code).toBe(0);
    } finally {
      hub.ignoreRanges(false);
    }
    expect(readFileSync(join(over, 'models/tiny-e5/onnx/model.onnx')).equals(model)).toBe(true);
  });

  it('refuses bytes that are not the pinned ones: the part is deleted and nothing is installed', async () => {
    const data = dataDir('corrupt');
    hub.corrupt('tokenizer.json', true);
    const { code, err } = await cli(['add', 'tiny-e5', '--data-dir', data]).finally(() =>
      hub.corrupt('tokenizer.json', false),
    );
    expect(code).toBe(1);
    expect(err).toMatch(
      /tokenizer\.json: SHA-256 mismatch: got [0-9a-f]{64}, the registry pins [0-9a-f]{64}; the download was deleted/,
    );
    const dir = join(data, 'models/tiny-e5');
    expect(existsSync(join(dir, 'tokenizer.json'))).toBe(false);
    expect(existsSync(join(dir, 'tokenizer.json.part'))).toBe(false);
    expect(existsSync(join(dir, 'installed.json'))).toBe(false);
    expect(installedModels(data)).toEqual([]);
  });

  it("answers the hub's errors and a registry without pinned values clearly", async () => {
    const data = dataDir('errors');
    const noToken = await cli(['add', 'tiny-e5', '--data-dir', data], { HF_TOKEN: '' });
    expect(noToken.code).toBe(1);
    expect(noToken.err).toMatch(/HTTP 401 .*Repository not found.*needs HF_TOKEN/);
    const unpinned = await cli(['add', 'multilingual-e5-small', '--data-dir', data]);
    expect(unpinned.code).toBe(1);
    expect(unpinned.err).toMatch(
      /does not pin revision, onnx\/model\.onnx size.*npm run models -- pin multilingual-e5-small/,
    );
    expect((await cli(['add', 'nope', '--data-dir', data])).err).toMatch(/no model "nope" in the registry/);
    expect((await cli(['remove', '../x', '--data-dir', data])).code).toBe(1);
    expect((await cli(['frobnicate', '--data-dir', data])).code).toBe(2);
  });
});

describe('models list, remove and pin', () => {
  it('lists installed models with their sizes and the registry others; remove deletes the folder', async () => {
    const data = dataDir('listed');
    expect((await cli(['add', 'tiny-e5', '--data-dir', data])).code).toBe(0);
    const { out } = await cli(['list', '--data-dir', data]);
    expect(out).toMatch(
      new RegExp(`^tiny-e5 +installed +\\d+\\.\\d kB +test-org/tiny-e5@${SHA.slice(0, 12)}$`, 'm'),
    );
    expect(out).toMatch(/^multilingual-e5-small +available +intfloat\/multilingual-e5-small$/m);
    const removed = await cli(['remove', 'tiny-e5', '--data-dir', data]);
    expect(removed.code).toBe(0);
    expect(existsSync(join(data, 'models/tiny-e5'))).toBe(false);
    expect((await cli(['remove', 'tiny-e5', '--data-dir', data])).err).toContain('not installed');
  });

  it("pin prints the registry entry from the hub's API: its sha, sizes and SHA-256s", async () => {
    const entry = { ...pinnedEntry(repo, 'tiny-e5'), revision: null, files: [] as unknown[] };
    entry.files = Object.keys(repo.files).map((path) => ({ path, size: null, sha256: null }));
    const unpinnedPath = join(root, 'unpinned.json');
    writeFileSync(unpinnedPath, JSON.stringify([entry]));
    let out = '';
    const code = await runModelsCli(['pin', 'tiny-e5', '--registry', unpinnedPath], {
      out: { write: (t: string) => (out += t) },
      err: { write: (t: string) => (out += t) },
      env: { HF_ENDPOINT: `${hub.url}/`, HF_TOKEN: 'hf_secret' },
    });
    expect(out).not.toMatch(/^models pin:/);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual(pinnedEntry(repo, 'tiny-e5'));
  });
});

describe('the progress printer', () => {
  it('redraws one line with a bar on a terminal, at most ten times a second, the last state always', async () => {
    const { progressPrinter } = await import('./progress');
    let text = '';
    let clock = 0;
    const p = progressPrinter({ write: (t: string) => (text += t), isTTY: true }, () => clock);
    p.progress({ path: 'onnx/model.onnx', done: 0, total: 4_000_000 });
    clock = 50;
    p.progress({ path: 'onnx/model.onnx', done: 1_000_000, total: 4_000_000 }); // too soon: skipped
    clock = 200;
    p.progress({ path: 'onnx/model.onnx', done: 2_000_000, total: 4_000_000 });
    clock = 210;
    p.progress({ path: 'onnx/model.onnx', done: 4_000_000, total: 4_000_000 });
    p.say('done');
    expect(text.split('\r').slice(1)).toEqual([
      `[${'.'.repeat(24)}] onnx/model.onnx: 0% (0.0 of 4.0 MB)\u001b[K`,
      `[${'#'.repeat(12)}${'.'.repeat(12)}] onnx/model.onnx: 50% (2.0 of 4.0 MB)\u001b[K`,
      `[${'#'.repeat(24)}] onnx/model.onnx: 100% (4.0 of 4.0 MB)\u001b[K\ndone\n`,
    ]);
  });
});

describe('the models entry point', () => {
  it('runs as `npm run models` runs it (tsx on cli.ts): add against the fake hub', async () => {
    const { execFile } = await import('node:child_process');
    const { promisify } = await import('node:util');
    const data = dataDir('entry');
    const serverRoot = join(import.meta.dirname, '../../..');
    const added = await promisify(execFile)(
      join(serverRoot, '../node_modules/.bin/tsx'),
      ['src/models/installed/cli.ts', 'add', 'tiny-e5', '--registry', registryPath, '--data-dir', data],
      { cwd: serverRoot, env: { ...process.env, HF_ENDPOINT: hub.url, HF_TOKEN: 'hf_secret' } },
    );
    expect(added.stdout).toMatch(/tiny-e5: installed/);
    expect(installedModels(data).map((m) => m.name)).toEqual(['tiny-e5']);
  }, 60_000);
});
