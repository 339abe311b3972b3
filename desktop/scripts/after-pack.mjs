// @ts-check
// electron-builder `afterPack` hook (the root's electron-builder.yml): burns Electron's fuses into the packaged
// binary, after packing and before signing, so they cannot be turned back on without breaking the
// signature. Plain ESM so electron-builder loads it as is; typed by JSDoc, tested in after-pack.test.ts.
import { join } from 'node:path';
import { FuseV1Options, FuseVersion, flipFuses } from '@electron/fuses';

/** builder-util's `Arch.arm64` (not imported: that would load electron-builder into every test). */
const arm64 = 3;

/**
 * The fuse map for every platform. The app loads its renderer from app://, never from file://, so
 * file:// keeps no extra privileges either. ASAR integrity is checked on macOS and Windows (electron-
 * builder writes the header hash there); Linux Electron has no integrity check, the fuse does nothing.
 * @param {Pick<import('electron-builder').AfterPackContext, 'electronPlatformName' | 'arch'>} context
 * @returns {import('@electron/fuses').FuseV1Config}
 */
export function fuseConfig(context) {
  return {
    version: FuseVersion.V1,
    // Flipping fuses breaks the ad-hoc signature an arm64 macOS binary needs to start at all.
    resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' && context.arch === arm64,
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  };
}

/**
 * The file holding the fuse wire: the .app bundle on macOS (@electron/fuses finds the framework in
 * it), the .exe on Windows, the executable on Linux.
 * @param {Pick<import('electron-builder').AfterPackContext, 'electronPlatformName' | 'appOutDir' | 'packager'>} context
 * @returns {string}
 */
export function electronBinaryPath(context) {
  const { electronPlatformName, appOutDir, packager } = context;
  const productFilename = packager.appInfo.productFilename;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return join(appOutDir, `${productFilename}.app`);
    case 'win32':
      return join(appOutDir, `${productFilename}.exe`);
    case 'linux': {
      const executableName = /** @type {{ executableName?: string }} */ (packager).executableName;
      if (!executableName) throw new Error('after-pack: the Linux packager has no executableName');
      return join(appOutDir, executableName);
    }
    default:
      throw new Error(`after-pack: no Electron binary known for platform ${electronPlatformName}`);
  }
}

/** @param {import('electron-builder').AfterPackContext} context */
export async function afterPack(context) {
  await flipFuses(electronBinaryPath(context), fuseConfig(context));
}

export default afterPack;
