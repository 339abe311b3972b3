// The models in the data folder (`<DATA_DIR>/models/<name>/`): installing one from the hub (each file
// downloaded, checked and renamed into place, then `installed.json` written last, so a folder without
// it is a download not finished), listing them with their sizes, removing one, and the scan the server
// makes (local files only, never the network) to offer installed models to teams.
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { modelFolderProblem } from '@app/shared/node';
import { downloadFile, sha256Of, type DownloadOptions } from './download';
import { pinnedOf, registryModel, type PinnedFile, type RegistryModel } from './registry';

export const MANIFEST = 'installed.json';
export const DEFAULT_HF_ENDPOINT = 'https://huggingface.co';

export type Manifest = {
  name: string;
  repo: string;
  revision: string;
  files: PinnedFile[];
  installedAt: string;
};

export type InstallOptions = {
  dataDir: string;
  /** HF_ENDPOINT (huggingface_hub's variable), else the public hub. */
  endpoint?: string;
  token?: string;
  now?: () => Date;
} & Pick<DownloadOptions, 'onProgress' | 'onRetry' | 'attempts' | 'idleMs'>;

export const modelsDir = (dataDir: string) => join(dataDir, 'models');

/** The folder of a model by name; throws on a name that is not one (no path can leave models/). */
export function modelDir(dataDir: string, name: string): string {
  if (!registryModel.shape.name.safeParse(name).success) throw new Error(`"${name}" is not a model name`);
  return join(modelsDir(dataDir), name);
}

/** `${endpoint}/<repo>/resolve/<revision>/<path>`: the hub's download URL (huggingface_hub's scheme). */
export function resolveUrl(endpoint: string, repo: string, revision: string, path: string): string {
  const base = endpoint.replace(/\/+$/, '');
  return `${base}/${repo}/resolve/${encodeURIComponent(revision)}/${path.split('/').map(encodeURIComponent).join('/')}`;
}

export type InstallResult = { dir: string; bytes: number; downloaded: string[]; kept: string[] };

export async function installModel(model: RegistryModel, opts: InstallOptions): Promise<InstallResult> {
  const pinned = pinnedOf(model);
  if (typeof pinned === 'string') throw new Error(pinned);
  const dir = modelDir(opts.dataDir, pinned.name);
  mkdirSync(dir, { recursive: true });
  const previous = readManifest(dir);
  // A folder being changed is not offered meanwhile.
  if (previous && previous.revision !== pinned.revision) rmSync(join(dir, MANIFEST), { force: true });
  const downloaded: string[] = [];
  const kept: string[] = [];
  for (const file of pinned.files) {
    const dest = join(dir, ...file.path.split('/'));
    if (existsSync(dest) && statSync(dest).size === file.size && (await sha256Of(dest)) === file.sha256) {
      kept.push(file.path);
      continue;
    }
    await downloadFile({
      url: resolveUrl(opts.endpoint ?? DEFAULT_HF_ENDPOINT, pinned.repo, pinned.revision, file.path),
      dest,
      label: file.path,
      size: file.size,
      sha256: file.sha256,
      ...(opts.token ? { token: opts.token } : {}),
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
      ...(opts.onRetry ? { onRetry: opts.onRetry } : {}),
      ...(opts.attempts ? { attempts: opts.attempts } : {}),
      ...(opts.idleMs ? { idleMs: opts.idleMs } : {}),
    });
    downloaded.push(file.path);
  }
  const problem = modelFolderProblem(dir);
  if (typeof problem === 'string')
    throw new Error(`${pinned.name}: ${problem} (the registry lists no model or tokenizer file)`);
  const manifest: Manifest = {
    name: pinned.name,
    repo: pinned.repo,
    revision: pinned.revision,
    files: pinned.files,
    installedAt: (opts.now?.() ?? new Date()).toISOString(),
  };
  writeFileSync(join(dir, `${MANIFEST}.tmp`), `${JSON.stringify(manifest, null, 2)}\n`);
  renameSync(join(dir, `${MANIFEST}.tmp`), join(dir, MANIFEST));
  return { dir, bytes: folderBytes(dir), downloaded, kept };
}

export type ListedModel = {
  name: string;
  state: 'installed' | 'incomplete' | 'available';
  bytes: number;
  repo?: string;
  revision?: string;
  description?: string;
};

/** The models in the data folder (installed, or a download not finished), then the registry's others. */
export function listModels(dataDir: string, registry: readonly RegistryModel[]): ListedModel[] {
  const root = modelsDir(dataDir);
  const present = existsSync(root)
    ? readdirSync(root, { withFileTypes: true }).filter(
        (d) => d.isDirectory() && registryModel.shape.name.safeParse(d.name).success,
      )
    : [];
  const listed: ListedModel[] = present.map((d) => {
    const dir = join(root, d.name);
    const manifest = readManifest(dir);
    const known = registry.find((m) => m.name === d.name);
    return {
      name: d.name,
      state: manifest ? 'installed' : 'incomplete',
      bytes: folderBytes(dir),
      ...(manifest
        ? { repo: manifest.repo, revision: manifest.revision }
        : known
          ? { repo: known.repo }
          : {}),
      ...(known ? { description: known.description } : {}),
    };
  });
  const names = new Set(listed.map((m) => m.name));
  return [
    ...listed.sort((a, b) => a.name.localeCompare(b.name)),
    ...registry
      .filter((m) => !names.has(m.name))
      .map((m) => ({
        name: m.name,
        state: 'available' as const,
        bytes: 0,
        repo: m.repo,
        description: m.description,
      })),
  ];
}

/** Deletes the model's folder; false when there was none. */
export function removeModel(dataDir: string, name: string): boolean {
  const dir = modelDir(dataDir, name);
  if (!existsSync(dir)) return false;
  rmSync(dir, { recursive: true, force: true });
  return true;
}

export type InstalledModel = { name: string; dir: string; revision: string; installedAt: string };

/** The complete, usable models of the data folder (what the server offers); reads local files only. */
export function installedModels(dataDir: string): InstalledModel[] {
  return listModels(dataDir, []).flatMap((m) => {
    if (m.state !== 'installed') return [];
    const dir = join(modelsDir(dataDir), m.name);
    const manifest = readManifest(dir);
    if (!manifest || typeof modelFolderProblem(dir) === 'string') return [];
    return [{ name: m.name, dir, revision: manifest.revision, installedAt: manifest.installedAt }];
  });
}

export function readManifest(dir: string): Manifest | undefined {
  const path = join(dir, MANIFEST);
  if (!existsSync(path)) return undefined;
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as Partial<Manifest>;
    return typeof value.revision === 'string' &&
      typeof value.installedAt === 'string' &&
      Array.isArray(value.files)
      ? (value as Manifest)
      : undefined;
  } catch {
    return undefined;
  }
}

function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? folderBytes(path) : entry.isFile() ? statSync(path).size : 0;
  }
  return total;
}
