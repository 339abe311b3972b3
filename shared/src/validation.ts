// Validation of documents against the shared collection schemas (ajv). The server runs every pushed
// document through this; RxDB validates with the same schema literals on the desktop in development.
// A doc is first held to its collection's size bounds (validation-bounds.ts: JSON length, array and
// key counts, read from the schema), then ajv stops at the first error: with `allErrors`, an array of
// N wrong-typed items made N errors even after `maxItems` failed, and one member's push of
// `tags: [1,1,1,…]` held the server's event loop for 24 s (issue 60).
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { collections, type CollectionName } from './schemas/index';
import type { CollectionSchema, OldDoc } from './schemas/collection';
import { measure, schemaBounds, type DocBounds, type ValidationIssue } from './validation-bounds';

export { MAX_DOC_BYTES, type DocBounds, type ValidationIssue } from './validation-bounds';

/** `tooLarge`: the doc broke its collection's size bounds (a 413 where the caller answers HTTP). */
export type ValidationResult<T> =
  { ok: true; doc: T } | { ok: false; issues: ValidationIssue[]; message: string; tooLarge?: true };

/** RxDB's own schema keywords, which mean nothing to a JSON-schema validator. */
const rxdbKeywords = [
  'primaryKey',
  'version',
  'indexes',
  'encrypted',
  'keyCompression',
  'attachments',
  'final',
  'ref',
  'internalIndexes',
  'crdt',
  'sharding',
];

// Without `allErrors` ajv stops at the first error, found without looking at the rest of the doc. A
// small doc that fails is checked again with every error (up to MAX_ISSUES shown), so that a form or
// an API caller learns of all its fields at once: its cost is bounded by the doc's size.
const firstError = new Ajv({ allErrors: false, strict: true, allowUnionTypes: true });
const everyError = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
firstError.addVocabulary(rxdbKeywords);
everyError.addVocabulary(rxdbKeywords);
/**
 * Docs of JSON up to this long (about) and with this many array items in all that fail are checked
 * again for every error: each error costs ajv some microseconds, so 4,000 wrong items took 30 ms.
 */
const ALL_ERRORS_CHARS = 16 * 1024;
const ALL_ERRORS_ITEMS = 256;

type Validators = { first: ValidateFunction; every: () => ValidateFunction };
const compiled = new Map<CollectionName, Validators>();

function validatorsOf(schema: object): Validators {
  let every: ValidateFunction | undefined;
  return { first: firstError.compile(schema), every: () => (every ??= everyError.compile(schema)) };
}

function validatorFor(name: CollectionName): Validators {
  let fn = compiled.get(name);
  if (!fn) compiled.set(name, (fn = validatorsOf(collections[name].schema as CollectionSchema)));
  return fn;
}

/** The validators' verdict: the first error, or every error (up to MAX_ISSUES) of a small doc. */
function verdict(
  fns: Validators,
  value: unknown,
  size: { chars: number; items: number },
): ValidationResult<OldDoc> {
  if (fns.first(value)) return { ok: true, doc: value as OldDoc };
  let errors = fns.first.errors ?? [];
  if (size.chars <= ALL_ERRORS_CHARS && size.items <= ALL_ERRORS_ITEMS) {
    const every = fns.every();
    every(value);
    errors = every.errors ?? errors;
  }
  const issues = errors.slice(0, MAX_ISSUES).map(describe);
  return { ok: false, issues, message: formatIssues(issues) };
}

const MAX_ISSUES = 10;

const bounds = new Map<CollectionName, DocBounds>();

/** The size bounds of a collection's docs (validation-bounds.ts), from its schema. */
export function docBounds(name: CollectionName): DocBounds {
  let b = bounds.get(name);
  if (!b) bounds.set(name, (b = schemaBounds(collections[name].schema)));
  return b;
}

function describe(error: ErrorObject): ValidationIssue {
  const path = error.instancePath ? error.instancePath.slice(1).replaceAll('/', '.') : '(document)';
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { path, message: `missing required field '${String(p.missingProperty)}'` };
    case 'additionalProperties':
      return { path, message: `unknown field '${String(p.additionalProperty)}' is not allowed` };
    case 'maxLength':
      return { path, message: `is too long (more than ${String(p.limit)} characters)` };
    case 'maxItems':
      return { path, message: `has too many items (more than ${String(p.limit)})` };
    case 'enum':
      return { path, message: `must be one of: ${(p.allowedValues as unknown[]).join(', ')}` };
    case 'type':
      return { path, message: `must be ${String(p.type)}` };
    case 'pattern':
      return { path, message: `has an invalid format` };
    default:
      return { path, message: error.message ?? error.keyword };
  }
}

export function formatIssues(issues: ValidationIssue[]): string {
  return issues.map((i) => `${i.path}: ${i.message}`).join('; ');
}

/** Validates a document of the collection's current version (as RxDB holds it). */
export function validateDoc<N extends CollectionName>(name: N, doc: unknown): ValidationResult<OldDoc> {
  const size = measure(doc, docBounds(name));
  return 'issue' in size ? tooLarge(size.issue) : verdict(validatorFor(name), doc, size);
}

const schemaValidators = new WeakMap<object, Validators & { bounds: DocBounds }>();

/** Validates a value against a shared schema that is no collection's (e.g. a social mention). */
export function validateSchema(schema: object, value: unknown): ValidationResult<OldDoc> {
  let fns = schemaValidators.get(schema);
  if (!fns) schemaValidators.set(schema, (fns = { ...validatorsOf(schema), bounds: schemaBounds(schema) }));
  const size = measure(value, fns.bounds);
  return 'issue' in size ? tooLarge(size.issue) : verdict(fns, value, size);
}

/**
 * Brings a document of an older schema version up to the current one by running the collection's
 * migrations in order. `fromVersion` is the version the doc was written with.
 */
export function migrateDoc(name: CollectionName, doc: OldDoc, fromVersion: number): OldDoc {
  const def = collections[name];
  if (!Number.isInteger(fromVersion) || fromVersion < 0 || fromVersion > def.schema.version) {
    throw new RangeError(
      `${name}: cannot migrate from version ${fromVersion} (current is ${def.schema.version})`,
    );
  }
  let out = doc;
  for (let v = fromVersion + 1; v <= def.schema.version; v++) {
    const step = def.migrations[v];
    if (!step) throw new RangeError(`${name}: no migration to version ${v}`);
    out = step(out);
  }
  return out;
}

/** CouchDB's own fields, which replication carries beside the document's data. */
const couchFields = new Set([
  '_id',
  '_rev',
  '_deleted',
  '_revisions',
  '_attachments',
  '_conflicts',
  '_revs_info',
  '_local_seq',
  '_meta',
]);

export type CouchDoc = { _id: string; _rev?: string; _deleted?: boolean } & Record<string, unknown>;

/**
 * Validates a document as CouchDB replication carries it: `_id` stands for the primary key (RxDB's
 * CouchDB replication swaps them), CouchDB's underscore fields are set aside, and a deletion tombstone
 * needs only its id. Returns the domain document on success.
 */
export function validateCouchDoc(name: CollectionName, value: unknown): ValidationResult<OldDoc> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail('(document)', 'must be a JSON object');
  }
  // The whole of it, CouchDB's fields too (they are set aside below, but written as they came).
  const size = measure(value, docBounds(name));
  if ('issue' in size) return tooLarge(size.issue);
  const raw = value as Record<string, unknown>;
  const id = raw._id;
  if (typeof id !== 'string' || id.length === 0) return fail('_id', 'missing document id');
  if (id.startsWith('_')) return fail('_id', 'ids starting with an underscore are reserved');
  if (raw._deleted === true) return { ok: true, doc: { _id: id } };
  const primaryKey = collections[name].schema.primaryKey;
  const doc: OldDoc = {};
  for (const [key, v] of Object.entries(raw)) {
    if (key.startsWith('_')) {
      if (!couchFields.has(key)) return fail(key, `unknown field '${key}' is not allowed`);
      continue;
    }
    doc[key] = v;
  }
  if (doc[primaryKey] !== undefined && doc[primaryKey] !== id) {
    return fail(primaryKey, `does not match the document id '${id}'`);
  }
  doc[primaryKey] = id;
  return verdict(validatorFor(name), doc, size);
}

function fail(path: string, message: string): ValidationResult<OldDoc> {
  return { ok: false, issues: [{ path, message }], message: `${path}: ${message}` };
}

function tooLarge(issue: ValidationIssue): ValidationResult<OldDoc> {
  return { ok: false, issues: [issue], message: `${issue.path}: ${issue.message}`, tooLarge: true };
}
