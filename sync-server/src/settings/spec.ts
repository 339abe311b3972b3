// A settings kind with secrets as a short spec: where it lives in the admin API, its input schema,
// which fields are secret, its view, how its doc is read and built, and how its connection is checked.
// routes.ts turns a spec into GET, PUT, DELETE and check routes (one doc per team: a channel, a task
// tracker) or into list, add, change and remove routes (many per team, by name: webhook tools, MCP
// servers). Secrets follow one rule (sealedOnPut): a value is sealed, null clears it, left out keeps
// the stored one; no view answers a secret (the builder takes each listed path out of every view).
import type { z } from 'zod';
import type { ServerDeps } from '../context';
import { seal, type Sealed } from './sealed';

/** A settings doc in `app_channels`. */
export type SettingsDoc = { _id: string; _rev?: string };

/** Who sets what, and when: every build and check runs with it. */
export type SettingsContext = {
  deps: ServerDeps;
  teamId: string;
  userId: string;
  /** ISO time of the write. */
  at: string;
};

/** The access table's resource the kind's routes ask for (read, update or create, delete). */
export type SettingsResource = 'channels' | 'integrations' | 'model_providers';

/** One doc per team (`/channels/vk`, `/integrations/notion`). */
export type SettingsSpec<Doc extends SettingsDoc, Input extends z.ZodType> = {
  path: string;
  tag: string;
  resource: SettingsResource;
  summaries: { get: string; put: string; delete: string };
  input: Input;
  /** Paths of the secret fields (`token`, `imap.password`): never in a view, kept when left out. */
  secrets: readonly string[];
  /** The view's schema (OpenAPI) and the view of a doc (`null`: nothing stored). */
  view: z.ZodType;
  viewOf: (doc: Doc | null) => object;
  /** Where GET answers when not at `path` (Telegram's `GET /channels` wraps its view). */
  get?: { path: string; response: z.ZodType; wrap: (view: object) => object };
  read: (ctx: SettingsContext) => Promise<Doc | null>;
  /** Checks that need the stored doc or the outside (hosts by the outbound policy); 4xx by throwing. */
  validate?: (input: z.infer<Input>, current: Doc | null, ctx: SettingsContext) => Promise<void> | void;
  /** The doc to store: secrets sealed (sealedOnPut); throws `validation-failed` for a missing one. */
  build: (input: z.infer<Input>, current: Doc | null, ctx: SettingsContext) => Doc;
  /** A new doc counts as a channel connection of the plan (402 over it, nothing saved). */
  planGate?: boolean;
  /** `POST <path>/<check.path>`: reach the service with the given settings or, body empty, the stored. */
  check?: {
    path: 'check' | 'test';
    summary: string;
    response: z.ZodType;
    /** The 400 when the body is empty and nothing is stored. */
    nothingStored: string;
    run: (doc: Doc, ctx: SettingsContext) => Promise<object>;
  };
};

/** Many docs per team by name (`/tools/mcp/<name>`), or many entries of one doc (model providers). */
export type NamedSettingsSpec<Doc extends object, Input extends z.ZodType> = {
  path: string;
  /** The path's parameter and the input's name field (default `name`). */
  param?: string;
  tag: string;
  resource: SettingsResource;
  /** The list's key in `GET <path>` (`{ servers: [...] }`). */
  listKey: string;
  summaries: { list: string; create: string; update: string; delete: string };
  /** Names the kind in messages: `exists('x')` for the 409, `missing('x')` for the 404. */
  exists: (name: string) => string;
  missing: (name: string) => string;
  input: Input;
  /** PUT's body when it is not the input less its name (its name then comes from the path). */
  update?: z.ZodType;
  secrets: readonly string[];
  view: z.ZodType;
  viewOf: (doc: Doc) => object;
  /** GET's answer when more than `{ [listKey]: views }` (the model presets beside the providers). */
  listAnswer?: { response: z.ZodType; of: (views: object[]) => object };
  /** Where an entry is kept when it is no doc of its own (default: its own doc in `app_channels`). */
  storage?: {
    save: (doc: Doc, ctx: SettingsContext) => Promise<void>;
    remove: (doc: Doc, ctx: SettingsContext) => Promise<void>;
  };
  list: (ctx: SettingsContext) => Promise<Doc[]>;
  read: (name: string, ctx: SettingsContext) => Promise<Doc | null>;
  build: (input: z.infer<Input>, current: Doc | null, ctx: SettingsContext) => Promise<Doc>;
  /** Runs on the built doc before it is saved (MCP lists the server's tools); merged into the answer. */
  beforeSave?: (doc: Doc, ctx: SettingsContext) => Promise<object>;
  /** The answer's schema when beforeSave adds to the view. */
  savedView?: z.ZodType;
};

/** A secret on PUT: a value is sealed, `null` clears it, left out keeps `kept`. */
export function sealedOnPut(
  key: Buffer,
  aad: string,
  given: string | null | undefined,
  kept: Sealed | undefined,
): Sealed | undefined {
  if (given === null) return undefined;
  return given === undefined ? kept : seal(key, given, aad);
}

/** A copy of `view` without the secret paths (`imap.password`), whatever a kind's viewOf put in. */
export function withoutSecrets<T extends object>(view: T, secrets: readonly string[]): T {
  const copy = structuredClone(view) as Record<string, unknown>;
  for (const path of secrets) {
    const parts = path.split('.');
    let at: Record<string, unknown> | undefined = copy;
    for (const part of parts.slice(0, -1))
      at = at?.[part] && typeof at[part] === 'object' ? (at[part] as Record<string, unknown>) : undefined;
    if (at) delete at[parts.at(-1)!];
  }
  return copy as T;
}
