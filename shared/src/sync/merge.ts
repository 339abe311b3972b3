// Field-level conflict merge for replicated documents: no edit is ever silently dropped.
//
// Each editable document carries `fieldUpdatedAt` (field -> ISO time it was last written). When the
// local fork and the server's state disagree on a field, the later write wins; the losing value is
// appended (JSON-encoded) to the document's `history`. With a common ancestor (`base`), a field that
// only one side changed (its value, or its field time: an edit back to the old value is an edit too)
// takes that side's value without any timestamp. Ties are broken by comparing the JSON encodings, so
// every replica resolves the same conflict the same way.

export type HistoryEntry = { field: string; value: string; replacedAt: string; by?: string };

export type MergeableDoc = {
  [key: string]: unknown;
  updatedAt?: string;
  fieldUpdatedAt?: Record<string, string>;
  history?: HistoryEntry[];
  _deleted?: boolean;
};

export type MergeOptions = {
  /** Fields people edit (the collection's `mergeFields`); others are taken three-way or from remote. */
  mergeFields: readonly string[];
  /** Whether the schema has `fieldUpdatedAt` and `history` (editable collections do, messages do not). */
  tracksFields: boolean;
  /** Written to `by` of history entries (e.g. the device or user resolving the conflict). */
  by?: string;
  /** The schema's bound on `history` (oldest entries dropped first). */
  maxHistory?: number;
  /** The schema's bound on one history value. */
  maxValueLength?: number;
};

export type MergeInput<T extends MergeableDoc> = {
  /** The state both sides started from (RxDB's `assumedMasterState`), if known. */
  base?: T;
  /** This replica's state (RxDB's `newDocumentState`). */
  local: T;
  /** The server's state (RxDB's `realMasterState`). */
  remote: T;
};

export type FieldDecision = { field: string; winner: 'local' | 'remote' | 'equal'; lost?: unknown };

/** Keys that replication owns and the merge never treats as fields. */
const reserved = new Set([
  'updatedAt',
  'fieldUpdatedAt',
  'history',
  '_deleted',
  '_rev',
  '_meta',
  '_attachments',
]);

/** Canonical JSON: object keys sorted, so equal values always encode equally. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function sameValue(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

const time = (iso: string | undefined): number => {
  if (!iso) return Number.NEGATIVE_INFINITY;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
};

const maxIso = (a: string | undefined, b: string | undefined): string | undefined =>
  a === undefined ? b : b === undefined ? a : time(b) > time(a) ? b : a;

/** When a side last wrote `field`: its own field time, else the doc's `updatedAt`. */
function writtenAt(doc: MergeableDoc, field: string, tracksFields: boolean): number {
  const fieldTime = tracksFields ? doc.fieldUpdatedAt?.[field] : undefined;
  return time(fieldTime ?? doc.updatedAt);
}

/** Decides one field. Exported for tests and for showing reps why a value won. */
export function decideField<T extends MergeableDoc>(
  field: string,
  { base, local, remote }: MergeInput<T>,
  tracksFields: boolean,
  editable = true,
): FieldDecision {
  const l = local[field];
  const r = remote[field];
  if (sameValue(l, r)) return { field, winner: 'equal' };
  if (base) {
    const b = base[field];
    // A side changed the field if its value differs from the base's, or if it wrote the field since
    // (its field time moved): a value edited away and back (A -> B -> A) is still an edit.
    const touched = (side: T) =>
      tracksFields && (side.fieldUpdatedAt?.[field] ?? null) !== (base.fieldUpdatedAt?.[field] ?? null);
    const localChanged = !sameValue(l, b) || touched(local);
    const remoteChanged = !sameValue(r, b) || touched(remote);
    if (localChanged && !remoteChanged) return { field, winner: 'local' };
    if (remoteChanged && !localChanged) return { field, winner: 'remote' };
  }
  // Fields nobody edits by hand (ids, references, channel data) belong to the server.
  if (!editable) return { field, winner: 'remote', lost: l };
  const lt = writtenAt(local, field, tracksFields);
  const rt = writtenAt(remote, field, tracksFields);
  if (lt !== rt) {
    return lt > rt ? { field, winner: 'local', lost: r } : { field, winner: 'remote', lost: l };
  }
  // A true tie: the larger canonical encoding wins, identically on every replica.
  return canonicalJson(l) > canonicalJson(r)
    ? { field, winner: 'local', lost: r }
    : { field, winner: 'remote', lost: l };
}

function mergeHistory(
  a: readonly HistoryEntry[],
  b: readonly HistoryEntry[],
  added: readonly HistoryEntry[],
  max: number,
): HistoryEntry[] {
  const seen = new Map<string, HistoryEntry>();
  for (const entry of [...a, ...b, ...added]) {
    const key = `${entry.field}\u0000${entry.replacedAt}\u0000${entry.value}`;
    if (!seen.has(key)) seen.set(key, entry);
  }
  const all = [...seen.values()].sort(
    (x, y) =>
      time(x.replacedAt) - time(y.replacedAt) ||
      (x.field < y.field ? -1 : x.field > y.field ? 1 : 0) ||
      (x.value < y.value ? -1 : x.value > y.value ? 1 : 0),
  );
  return all.slice(Math.max(0, all.length - max));
}

export type MergeResult<T extends MergeableDoc> = { doc: T; decisions: FieldDecision[] };

/**
 * Merges two conflicting states of one document. A deletion wins over edits (erasing a contact on a
 * privacy request must stick); otherwise fields are merged one by one as described above.
 */
export function mergeDocs<T extends MergeableDoc>(
  input: MergeInput<T>,
  options: MergeOptions,
): MergeResult<T> {
  const { local, remote } = input;
  if (remote._deleted) return { doc: remote, decisions: [] };
  if (local._deleted) return { doc: local, decisions: [] };

  const maxHistory = options.maxHistory ?? 200;
  const maxValueLength = options.maxValueLength ?? 20_000;
  const editable = new Set(options.mergeFields);
  const fields = new Set<string>();
  for (const key of [...Object.keys(local), ...Object.keys(remote)]) if (!reserved.has(key)) fields.add(key);

  const out: Record<string, unknown> = {};
  const decisions: FieldDecision[] = [];
  const lostEntries: HistoryEntry[] = [];
  const fieldTimes: Record<string, string> = {};

  for (const field of [...fields].sort()) {
    const decision = decideField(field, input, options.tracksFields, editable.has(field));
    decisions.push(decision);
    const winnerDoc = decision.winner === 'local' ? local : remote;
    const value = winnerDoc[field];
    if (value !== undefined) out[field] = value;
    if (options.tracksFields) {
      const t =
        decision.winner === 'equal'
          ? maxIso(local.fieldUpdatedAt?.[field], remote.fieldUpdatedAt?.[field])
          : winnerDoc.fieldUpdatedAt?.[field];
      if (t) fieldTimes[field] = t;
    }
    const keepLoser = options.tracksFields && editable.has(field) && decision.winner !== 'equal';
    if (keepLoser && decision.lost !== undefined) {
      const replacedAt =
        winnerDoc.fieldUpdatedAt?.[field] ?? winnerDoc.updatedAt ?? new Date(0).toISOString();
      lostEntries.push({
        field,
        value: canonicalJson(decision.lost).slice(0, maxValueLength),
        replacedAt,
        ...(options.by ? { by: options.by } : {}),
      });
    }
  }

  const updatedAt = maxIso(local.updatedAt, remote.updatedAt);
  if (updatedAt) out.updatedAt = updatedAt;
  if (options.tracksFields) {
    for (const [k, v] of Object.entries({ ...remote.fieldUpdatedAt, ...local.fieldUpdatedAt })) {
      if (!(k in fieldTimes) && fields.has(k))
        fieldTimes[k] = maxIso(local.fieldUpdatedAt?.[k], remote.fieldUpdatedAt?.[k]) ?? v;
    }
    if (Object.keys(fieldTimes).length > 0 || local.fieldUpdatedAt || remote.fieldUpdatedAt) {
      out.fieldUpdatedAt = Object.fromEntries(
        Object.entries(fieldTimes).sort(([a], [b]) => (a < b ? -1 : 1)),
      );
    }
    const history = mergeHistory(local.history ?? [], remote.history ?? [], lostEntries, maxHistory);
    if (history.length > 0) out.history = history;
  }
  out._deleted = false;
  return { doc: out as T, decisions };
}
