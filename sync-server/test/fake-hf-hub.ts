// A Hugging Face hub on a loopback port, for `models add` and `models pin` tests: the hub's download
// paths (`/<owner>/<repo>/resolve/<revision>/<path>`, the revision a commit sha or a branch), `Range:
// bytes=N-` answered 206 with `Content-Range` (416 past the end), ETag and X-Repo-Commit headers, the
// hub's 404 `{"error":"Entry not found"}` (X-Error-Code EntryNotFound) and 401 for an unknown repository,
// and the model API (`/api/models/<owner>/<repo>/revision/<rev>?blobs=true`: sha, siblings with size and
// LFS sha256). Files over 1 kB count as LFS (their ETag is their SHA-256, as the hub's). Faults a test
// asks for: a connection cut after N bytes, a Range ignored (200), a file's bytes swapped, a token required.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type HubRequest = { method: string; path: string; range?: string; authorization?: string };

export type FakeHub = {
  url: string;
  requests: HubRequest[];
  /** Cut the next `times` downloads of `path` after `bytes` bytes. */
  cutAfter(path: string, bytes: number, times?: number): void;
  /** Answer ranged requests with the whole file (200), as a server without range support does. */
  ignoreRanges(on: boolean): void;
  /** Serve other bytes for `path` (its size kept), as a changed file or an altering proxy would. */
  corrupt(path: string, on: boolean): void;
  close(): Promise<void>;
};

export type HubRepo = { repo: string; sha: string; files: Record<string, Buffer>; token?: string };

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const gitSha = (b: Buffer) => createHash('sha1').update(`blob ${b.length}\0`).update(b).digest('hex');

export async function startFakeHub(repos: HubRepo[]): Promise<FakeHub> {
  const requests: HubRequest[] = [];
  const cuts = new Map<string, { bytes: number; times: number }>();
  const corrupted = new Set<string>();
  let noRanges = false;

  const json = (res: ServerResponse, status: number, body: unknown, code?: string) => {
    res.writeHead(status, {
      'content-type': 'application/json',
      ...(code ? { 'x-error-code': code } : {}),
    });
    res.end(JSON.stringify(body));
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://hub');
    requests.push({
      method: req.method ?? 'GET',
      path: decodeURIComponent(url.pathname),
      ...(req.headers.range ? { range: req.headers.range } : {}),
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
    });
    const api = /^\/api\/models\/([^/]+\/[^/]+)\/revision\/([^/]+)$/.exec(url.pathname);
    const resolve = /^\/([^/]+\/[^/]+)\/resolve\/([^/]+)\/(.+)$/.exec(url.pathname);
    const repoName = decodeURIComponent((api ?? resolve)?.[1] ?? '');
    const repo = repos.find((r) => r.repo === repoName);
    if (!repo || (repo.token && req.headers.authorization !== `Bearer ${repo.token}`))
      return json(res, 401, { error: 'Repository not found' }, 'RepoNotFound');
    const revision = decodeURIComponent((api ?? resolve)![2]!);
    if (revision !== repo.sha && revision !== 'main')
      return json(res, 404, { error: 'Invalid rev id: ' + revision }, 'RevisionNotFound');
    if (api) {
      return json(res, 200, {
        id: repo.repo,
        sha: repo.sha,
        siblings: Object.entries(repo.files).map(([rfilename, bytes]) => ({
          rfilename,
          size: bytes.length,
          blobId: gitSha(bytes),
          ...(bytes.length > 1000
            ? { lfs: { sha256: sha256(bytes), size: bytes.length, pointerSize: 134 } }
            : {}),
        })),
      });
    }
    const path = decodeURIComponent(resolve![3]!);
    let body = repo.files[path];
    if (!body) return json(res, 404, { error: 'Entry not found' }, 'EntryNotFound');
    if (corrupted.has(path)) body = Buffer.from(body.map((b) => b ^ 0xff));
    const size = body.length;
    const headers = {
      etag: `"${size > 1000 ? sha256(repo.files[path]!) : gitSha(repo.files[path]!)}"`,
      'x-repo-commit': repo.sha,
      'accept-ranges': 'bytes',
      'content-type': 'application/octet-stream',
    };
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    let start = 0;
    if (range && !noRanges) {
      start = Number(range[1]);
      if (start >= size) {
        res.writeHead(416, { ...headers, 'content-range': `bytes */${size}` });
        return res.end();
      }
      res.writeHead(206, {
        ...headers,
        'content-range': `bytes ${start}-${size - 1}/${size}`,
        'content-length': size - start,
      });
    } else res.writeHead(200, { ...headers, 'content-length': size });
    if (req.method === 'HEAD') return res.end();
    const cut = cuts.get(path);
    if (cut && cut.times > 0) {
      cut.times--;
      const piece = body.subarray(start, Math.max(start, cut.bytes));
      res.write(piece, () => setTimeout(() => res.socket?.destroy(), 20));
      return;
    }
    res.end(body.subarray(start));
  };

  const server = createServer(handle);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    cutAfter: (path, bytes, times = 1) => void cuts.set(path, { bytes, times }),
    ignoreRanges: (on) => void (noRanges = on),
    corrupt: (path, on) => void (on ? corrupted.add(path) : corrupted.delete(path)),
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

/** The registry entry of a repo the hub serves: its sha, and each file's size and SHA-256. */
export function pinnedEntry(repo: HubRepo, name: string) {
  return {
    name,
    repo: repo.repo,
    revision: repo.sha,
    description: 'test model',
    license: 'MIT',
    files: Object.entries(repo.files).map(([path, bytes]) => ({
      path,
      size: bytes.length,
      sha256: sha256(bytes),
    })),
  };
}
