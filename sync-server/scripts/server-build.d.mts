// Types of server-build.mjs (the sync server bundled by esbuild), for the tests that start it.

/** `server`: src/main.ts; `loopback-server`: test/loopback-server-cli.ts. */
export type ServerBundle = 'server' | 'loopback-server';

/** Whether both bundles are newer than every source they are built from. */
export function serverBuildIsFresh(): boolean;

/** Builds the bundles when missing or stale; the path of the one named (`server` unless told). */
export function ensureServerBuild(name?: ServerBundle): Promise<string>;
