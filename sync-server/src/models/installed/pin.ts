// `models pin <name>`: the values a registry entry needs, read from the hub (run where it is reachable):
// the commit sha of the revision (default `main`) and, per file, its size and SHA-256 from the hub's
// model API (`GET /api/models/<repo>/revision/<rev>?blobs=true`: `sha`, and `siblings[]` with `size`
// and, for files kept in LFS, `lfs.sha256`); a small file kept in git (no LFS hash) is downloaded at
// that sha and hashed here. What it prints goes into registry.ts, after a look at what changed.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { DEFAULT_HF_ENDPOINT, resolveUrl } from './install';
import type { PinnedModel, RegistryModel } from './registry';

const modelInfo = z.object({
  sha: z.string().regex(/^[0-9a-f]{40}$/),
  siblings: z.array(
    z.object({
      rfilename: z.string(),
      size: z.number().int().nonnegative().optional(),
      lfs: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), size: z.number().int() }).optional(),
    }),
  ),
});

export async function pinModel(
  model: RegistryModel,
  opts: { endpoint?: string; token?: string; revision?: string },
): Promise<PinnedModel> {
  const endpoint = (opts.endpoint ?? DEFAULT_HF_ENDPOINT).replace(/\/+$/, '');
  const revision = opts.revision ?? 'main';
  const auth: Record<string, string> = opts.token ? { authorization: `Bearer ${opts.token}` } : {};
  const url = `${endpoint}/api/models/${model.repo}/revision/${encodeURIComponent(revision)}?blobs=true`;
  const res = await fetch(url, { headers: auth, signal: AbortSignal.timeout(30_000) });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
  const info = modelInfo.parse(await res.json());
  const files = [];
  for (const file of model.files) {
    const sibling = info.siblings.find((s) => s.rfilename === file.path);
    if (!sibling) throw new Error(`${model.repo}@${info.sha} has no ${file.path}`);
    const size = sibling.lfs?.size ?? sibling.size;
    if (size === undefined) throw new Error(`${file.path}: the hub gave no size (blobs=true)`);
    const sha256 =
      sibling.lfs?.sha256 ??
      (await hashOf(resolveUrl(endpoint, model.repo, info.sha, file.path), size, auth));
    files.push({ path: file.path, size, sha256 });
  }
  return { ...model, revision: info.sha, files };
}

/** The SHA-256 of a small file kept in git (config.json and the like), downloaded at the pinned sha. */
async function hashOf(url: string, size: number, headers: Record<string, string>): Promise<string> {
  const res = await fetch(url, { headers, signal: AbortSignal.timeout(60_000) });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  const bytes = Buffer.from(await res.arrayBuffer());
  if (bytes.length !== size) throw new Error(`${url}: ${bytes.length} bytes, the hub's API said ${size}`);
  return createHash('sha256').update(bytes).digest('hex');
}
