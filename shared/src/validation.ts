// Validation of documents against the shared collection schemas (ajv). The server runs every pushed
// document through this; RxDB validates with the same schema literals on the desktop in development.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { collections, type CollectionName } from './schemas/index';
import type { CollectionSchema, OldDoc } from './schemas/collection';

export type ValidationIssue = { path: string; message: string };

export type ValidationResult<T> =
  { ok: true; doc: T } | { ok: false; issues: ValidationIssue[]; message: string };

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

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
ajv.addVocabulary(rxdbKeywords);

const compiled = new Map<CollectionName, ValidateFunction>();

function validatorFor(name: CollectionName): ValidateFunction {
  let fn = compiled.get(name);
  if (!fn) {
    fn = ajv.compile(collections[name].schema as CollectionSchema);
    compiled.set(name, fn);
  }
  return fn;
}

const MAX_ISSUES = 10;

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
  const fn = validatorFor(name);
  if (fn(doc)) return { ok: true, doc: doc as OldDoc };
  const issues = (fn.errors ?? []).slice(0, MAX_ISSUES).map(describe);
  return { ok: false, issues, message: formatIssues(issues) };
}

const schemaValidators = new WeakMap<object, ValidateFunction>();

/** Validates a value against a shared schema that is no collection's (e.g. a social mention). */
export function validateSchema(schema: object, value: unknown): ValidationResult<OldDoc> {
  let fn = schemaValidators.get(schema);
  if (!fn) schemaValidators.set(schema, (fn = ajv.compile(schema)));
  if (fn(value)) return { ok: true, doc: value as OldDoc };
  const issues = (fn.errors ?? []).slice(0, MAX_ISSUES).map(describe);
  return { ok: false, issues, message: formatIssues(issues) };
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
  return validateDoc(name, doc);
}

function fail(path: string, message: string): ValidationResult<OldDoc> {
  return { ok: false, issues: [{ path, message }], message: `${path}: ${message}` };
}
