// The electron-builder afterPack hook with @electron/fuses' flipFuses mocked (there is no Electron binary
// here): the right fuse map, on the right file, for each platform.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FuseV1Options, FuseVersion, flipFuses } from '@electron/fuses';
import type * as Fuses from '@electron/fuses';
import type { AfterPackContext } from 'electron-builder';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { afterPack, electronBinaryPath } from './after-pack.mjs';

vi.mock('@electron/fuses', async (importOriginal) => ({
  ...(await importOriginal<typeof Fuses>()),
  flipFuses: vi.fn(async () => 1),
}));

const x64 = 1;
const arm64 = 3;

function context(
  electronPlatformName: string,
  arch: number,
  executableName?: string,
  appOutDir = '/dist/unpacked',
): AfterPackContext {
  return {
    electronPlatformName,
    arch,
    appOutDir,
    outDir: '/dist',
    targets: [],
    packager: { appInfo: { productFilename: 'Sales Workspace' }, executableName },
  } as unknown as AfterPackContext;
}

const fuses = {
  version: FuseVersion.V1,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

describe('afterPack: Electron fuses', () => {
  beforeEach(() => vi.mocked(flipFuses).mockClear());

  it('flips every fuse the packaged app needs off or on, in the Windows .exe', async () => {
    await afterPack(context('win32', x64));
    expect(flipFuses).toHaveBeenCalledTimes(1);
    expect(flipFuses).toHaveBeenCalledWith(join('/dist/unpacked', 'Sales Workspace.exe'), {
      ...fuses,
      resetAdHocDarwinSignature: false,
    });
  });

  it('flips them in the macOS .app, re-signing ad hoc on arm64 only', async () => {
    await afterPack(context('darwin', arm64));
    expect(flipFuses).toHaveBeenLastCalledWith(join('/dist/unpacked', 'Sales Workspace.app'), {
      ...fuses,
      resetAdHocDarwinSignature: true,
    });
    await afterPack(context('darwin', x64));
    expect(flipFuses).toHaveBeenLastCalledWith(join('/dist/unpacked', 'Sales Workspace.app'), {
      ...fuses,
      resetAdHocDarwinSignature: false,
    });
    await afterPack(context('mas', arm64));
    expect(flipFuses).toHaveBeenLastCalledWith(
      join('/dist/unpacked', 'Sales Workspace.app'),
      expect.objectContaining({ ...fuses, resetAdHocDarwinSignature: false }),
    );
  });

  it('flips them in the Linux executable', async () => {
    await afterPack(context('linux', x64, 'sales-workspace'));
    expect(flipFuses).toHaveBeenCalledWith(join('/dist/unpacked', 'sales-workspace'), {
      ...fuses,
      resetAdHocDarwinSignature: false,
    });
  });

  it('burns the map into a real fuse wire (a fake binary with Electron 41 defaults and a 9th fuse)', async () => {
    const actual = await vi.importActual<typeof Fuses>('@electron/fuses');
    vi.mocked(flipFuses).mockImplementationOnce(actual.flipFuses);
    const dir = await mkdtemp(join(tmpdir(), 'after-pack-'));
    try {
      const sentinel = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
      // version 1, 9 fuses: RunAsNode on, cookies off, NODE_OPTIONS on, --inspect on, integrity off,
      // asar-only off, V8 snapshot off, file:// privileges on, and one this @electron/fuses does not know.
      const wire = Buffer.concat([Buffer.from([1, 9]), Buffer.from('101100011')]);
      await writeFile(join(dir, 'app'), Buffer.concat([Buffer.from('ELF...'), Buffer.from(sentinel), wire]));
      await afterPack(context('linux', x64, 'app', dir));
      const after = await readFile(join(dir, 'app'));
      const at = after.indexOf(sentinel) + sentinel.length + 2;
      expect(after.subarray(at, at + 9).toString()).toBe('010011001');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('fails the build rather than ship an unfused binary', async () => {
    await expect(afterPack(context('linux', x64))).rejects.toThrow('executableName');
    expect(() => electronBinaryPath(context('freebsd', x64))).toThrow('freebsd');
    vi.mocked(flipFuses).mockRejectedValueOnce(new Error('Could not find sentinel'));
    await expect(afterPack(context('win32', x64))).rejects.toThrow('sentinel');
  });
});
