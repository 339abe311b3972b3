// Types of server-build.mjs (the sync server bundled by esbuild), for the tests that start it.

/** `server`: src/main.ts; `loopback-server`: test/loopback-server-cli.ts. */
export type ServerBundle = 'server' | 'loopback-server';

/** The newest modification time of a file, or of anything in a folder (0 when missing). */
export function newestMtime(path: string): number;

/** Whether both bundles are newer than every source they are built from. */
export function serverBuildIsFresh(): boolean;

/** Builds the bundles when missing or stale; the path of the one named (`server` unless told). */
export function ensureServerBuild(name?: ServerBundle): Promise<string>;
