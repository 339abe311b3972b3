// The shape of one collection's definition: its JSON schema, version and migrations, all in one file.
import type { FromSchema, JSONSchema } from 'json-schema-to-ts';

/** A document of any earlier version, as it was stored. */
export type OldDoc = Record<string, unknown>;

/**
 * Migrations keyed by the version they produce: `migrations[2]` turns a version-1 doc into version 2.
 * The same functions serve RxDB's `migrationStrategies` and the server's migration of pushed docs.
 */
export type Migrations = Record<number, (doc: OldDoc) => OldDoc>;

export type CollectionSchema = JSONSchema & {
  readonly version: number;
  readonly primaryKey: string;
  readonly type: 'object';
  readonly properties: Record<string, JSONSchema>;
  readonly required: readonly string[];
};

export type CollectionDef<S extends CollectionSchema = CollectionSchema> = {
  readonly name: string;
  readonly schema: S;
  readonly migrations: Migrations;
  /** Which fields people edit, for the field-level merge; empty for append-only collections. */
  readonly mergeFields: readonly string[];
  /** Append-only collections are never edited after creation (messages, activity). */
  readonly appendOnly: boolean;
};

export type DocOf<S extends CollectionSchema> = FromSchema<S>;

export function defineCollection<const S extends CollectionSchema>(def: CollectionDef<S>): CollectionDef<S> {
  const versions = Object.keys(def.migrations).map(Number);
  for (const v of versions) {
    if (!Number.isInteger(v) || v < 1 || v > def.schema.version) {
      throw new Error(`${def.name}: migration to version ${v} is outside 1..${def.schema.version}`);
    }
  }
  for (let v = 1; v <= def.schema.version; v++) {
    if (!def.migrations[v]) throw new Error(`${def.name}: missing migration to version ${v}`);
  }
  return def;
}
