// Orama's index component, changed where ranking, speed and cold starts need it:
// - the full-text properties (title, text) are kept by `TextField` (text-field.ts), not Orama's radix
//   tree and per-document frequency objects: postings on typed arrays with true term frequencies (the
//   tokenizer hands each stem once and its count on the side, `termCounts`), and a snapshot of flat
//   arrays that restores without building millions of objects. Filters, facets and sorting stay Orama's;
// - exact term lookup, with typo tolerance (Levenshtein) only for query words the index does not know,
//   so a correct word never drags in look-alikes and a misspelt one still finds its documents;
// - a long query stem also finds, weighed down, the indexed stems that share all of it but its last two
//   letters (`stemPrefix`): the forms of one word a stemmer leaves apart ("pregnancy"/"pregnant",
//   "кредитку"/"кредитную");
// - BM25 scored in a typed array over internal ids with a top-k selection (no per-document maps, no
//   full sort): the hot loop of every query.
import { components } from '@orama/orama';
import type { AnyIndexStore, AnyOrama, IIndex, Tokenizer } from '@orama/orama';
import { TextField, type TextFieldSnapshot } from './text-field';
import { topK } from './top-k';

type Base = ReturnType<typeof components.index.createIndex>;
type BaseStore = ReturnType<Base['create']>;
/** Orama's index store with our full-text fields beside it. */
type Store = BaseStore & { text: Record<string, TextField> };
/** What `save` writes: Orama's part without the full-text properties, and ours. */
type Saved = Record<string, unknown> & {
  indexes: Record<string, unknown>;
  text: Record<string, TextFieldSnapshot>;
};

export type Bm25Relevance = { k: number; b: number; d: number };

/** Words shorter than this are never matched with a typo: too many look-alikes. */
export const minTypoLength = 4;

/** Per-stem counts of an indexed value, keyed by the unique-token array the tokenizer returned. */
export const termCounts = new WeakMap<string[], Map<string, number>>();

const asStore = (store: unknown) => store as Store;

export type Bm25Query = {
  terms: string[];
  props: string[];
  boost?: Record<string, number>;
  relevance: Bm25Relevance;
  tolerance: number;
  docsCount: number;
  /** Internal ids allowed by filters: `where[iid] === 1`. */
  where?: Uint8Array;
  /** Weight of indexed words that merely start with a query word ("strike" -> "strikethrough"); 0 = off. */
  prefix?: number;
  /**
   * Weight of indexed words that share all but the last two letters of a long query stem (at least
   * `minStemPrefix`): the forms a stemmer leaves apart ("pregnancy"/"pregnant", "кредитку"/"кредитной"); 0 = off.
   */
  stemPrefix?: number;
  /** Weight of each query stem (e.g. stop words weighed down); 1 when absent. */
  weights?: Map<string, number>;
  /** How the fields' matches combine: 'sum' (default) or 'headings' (see bm25Scores). */
  fieldModel?: FieldModel;
};

export type FieldModel = 'headings' | 'sum';

/** The fields that name a passage, pooled under the 'headings' field model. */
const namingProps = new Set(['title', 'faqQuestion']);

/**
 * Fields only some passages have, whose words weigh by how rare they are in all the fields: the learned
 * phrasings (issue 61). Their own document frequency would make "how do I" rare wherever few articles
 * have learned anything, and every learned article would match every question so worded.
 */
const sparseProps = new Set(['learned']);

/** Query words shorter than this never expand to longer words. */
export const minPrefixLength = 4;
const maxPrefixWords = 24;
/** The shortest shared beginning `stemPrefix` matches on. */
export const minStemPrefix = 5;

/** Score sums by internal id (all zero between queries) and the ids that got one, in order. */
let acc = new Float64Array(1024);
let matched = new Int32Array(1024);
/** BM25F: one word's weighted, length-normalised frequency over the pooled fields, by internal id (zero between words). */
let pooled = new Float64Array(1024);
let pooledIds = new Int32Array(1024);

function reserve(size: number): void {
  if (acc.length >= size) return;
  const grow = <T extends Float64Array | Int32Array>(a: T, make: (n: number) => T): T => {
    const bigger = make(Math.max(size, a.length * 2));
    bigger.set(a);
    return bigger;
  };
  acc = grow(acc, (n) => new Float64Array(n));
  matched = grow(matched, (n) => new Int32Array(n));
  pooled = grow(pooled, (n) => new Float64Array(n));
  pooledIds = grow(pooledIds, (n) => new Int32Array(n));
}

type Field = { prop: string; field: TextField; weight: number; fields?: Field[] };

/**
 * BM25 over the given properties; returns every matching internal id with its score, unsorted.
 * `fieldModel` 'headings': the fields that name a passage (its title and its FAQ question,
 * which often hold the same words: a Markdown FAQ's heading is both) are scored as one field, BM25F
 * style (Robertson and Zaragoza): a word's frequencies in them are weighed, normalised by each field's
 * length and added before one saturation, with the IDF of the passages holding it in either. A question
 * word found in both then counts like a word said twice, not like two words. The text is scored on its
 * own and added. 'sum' (the default): every field on its own, added.
 */
export function bm25Scores(store: unknown, q: Bm25Query): { ids: Int32Array; scores: Float64Array } {
  const s = asStore(store);
  const counter = { count: 0 };
  const fields = q.props.flatMap((prop): Field[] => {
    const field = s.text[prop];
    const weight = q.boost?.[prop] ?? 1;
    return field && weight > 0 ? [{ prop, field, weight }] : [];
  });
  for (const f of fields) if (sparseProps.has(f.prop)) f.fields = fields;
  for (const { field } of fields) reserve(field.lengthTable.length);
  const naming = fields.filter((f) => namingProps.has(f.prop));
  for (const term of new Set(q.terms)) {
    const termWeight = q.weights?.get(term) ?? 1;
    if (termWeight <= 0) continue;
    const found = wordsOf(term, fields, q);
    if (q.fieldModel !== 'headings')
      fields.forEach((f, i) => {
        for (const [word, share] of found[i]!) scoreField(f, word, share * termWeight, q, counter);
      });
    else {
      const words = new Map<string, number>();
      fields.forEach((f, i) => {
        if (!naming.includes(f)) {
          for (const [word, share] of found[i]!) scoreField(f, word, share * termWeight, q, counter);
          return;
        }
        for (const [word, share] of found[i]!) words.set(word, Math.max(words.get(word) ?? 0, share));
      });
      for (const [word, share] of words) scorePooled(naming, word, share * termWeight, q, counter);
    }
  }
  const { count } = counter;
  const ids = matched.slice(0, count);
  const scores = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    scores[i] = acc[ids[i]!]!;
    acc[ids[i]!] = 0;
  }
  return { ids, scores };
}

/** The indexed words a query word stands for in each field, with their share of its weight. */
function wordsOf(term: string, fields: Field[], q: Bm25Query): Array<Array<[string, number]>> {
  let found = fields.map(({ field }): Array<[string, number]> => (field.df(term) > 0 ? [[term, 1]] : []));
  const known = found.some((f) => f.length > 0);
  if (!known && q.tolerance > 0 && term.length >= minTypoLength) {
    found = fields.map(({ field }) => field.fuzzyWords(term, q.tolerance).map((w) => [w, 1]));
  }
  if (q.prefix && term.length >= minPrefixLength) {
    fields.forEach(({ field }, i) => {
      for (const w of field.prefixWords(term, maxPrefixWords)) found[i]!.push([w, q.prefix!]);
    });
  }
  if (q.stemPrefix && term.length > minStemPrefix) {
    const cut = term.slice(0, Math.max(minStemPrefix, term.length - 2));
    fields.forEach(({ field }, i) => {
      const have = new Set(found[i]!.map(([w]) => w));
      const words =
        field.df(cut) > 0
          ? [cut, ...field.prefixWords(cut, maxPrefixWords)]
          : field.prefixWords(cut, maxPrefixWords);
      for (const w of words) if (w !== term && !have.has(w)) found[i]!.push([w, q.stemPrefix!]);
    });
  }
  return found;
}

/** Adds one field's BM25 for one word to the score sums ('sum'). */
function scoreField(
  { field, weight, fields }: Field,
  word: string,
  scale: number,
  q: Bm25Query,
  counter: { count: number },
) {
  const list = field.list(word);
  if (!list) return;
  const { k, b, d } = q.relevance;
  const lengths = field.lengthTable;
  // BM25 per posting: idf * (d + tf * (k + 1)) / (tf + k * (1 - b + b * length / avg)).
  const kConst = k * (1 - b);
  const kLength = (k * b) / (field.avgLength || 1);
  const where = q.where;
  // A sparse field's word is as rare as in the field that has it most (sparseProps).
  const df = fields ? Math.max(...fields.map((f) => f.field.df(word))) : list.n;
  const idf = Math.log(1 + (q.docsCount - df + 0.5) / (df + 0.5)) * weight * scale;
  const idfD = idf * d;
  const idfK = idf * (k + 1);
  const { ids: docs, tfs, n } = list;
  // Locals, and the matched ids in a typed array: a JS array's push costs ten times the loop.
  const sums = acc;
  const firsts = matched;
  let count = counter.count;
  for (let j = 0; j < n; j++) {
    const id = docs[j]!;
    if (where !== undefined && where[id] !== 1) continue;
    const tf = tfs[j]!;
    if (sums[id] === 0) firsts[count++] = id;
    sums[id]! += (idfD + idfK * tf) / (tf + kConst + kLength * lengths[id]!);
  }
  counter.count = count;
}

/** Adds one word's BM25F to the score sums: its frequencies pooled over the fields, then saturated once. */
function scorePooled(fields: Field[], word: string, scale: number, q: Bm25Query, counter: { count: number }) {
  const { k, b, d } = q.relevance;
  const x = pooled;
  const touchedIds = pooledIds;
  let touched = 0;
  for (const { field, weight } of fields) {
    const list = field.list(word);
    if (!list) continue;
    const lengths = field.lengthTable;
    const inverseAvg = 1 / (field.avgLength || 1);
    const { ids: docs, tfs, n } = list;
    for (let j = 0; j < n; j++) {
      const id = docs[j]!;
      if (x[id] === 0) touchedIds[touched++] = id;
      x[id]! += (weight * tfs[j]!) / (1 - b + b * lengths[id]! * inverseAvg);
    }
  }
  if (touched === 0) return;
  // The documents holding the word in any field, filters aside (as a field's postings count them).
  const idf = Math.log(1 + (q.docsCount - touched + 0.5) / (touched + 0.5)) * scale;
  const where = q.where;
  const sums = acc;
  const firsts = matched;
  let count = counter.count;
  for (let i = 0; i < touched; i++) {
    const id = touchedIds[i]!;
    const tf = x[id]!;
    x[id] = 0;
    if (where !== undefined && where[id] !== 1) continue;
    if (sums[id] === 0) firsts[count++] = id;
    sums[id]! += idf * (d + (tf * (k + 1)) / (tf + k));
  }
  counter.count = count;
}

/** The `limit` best [internal id, score] pairs, highest first. */
export function topScores(
  r: { ids: Int32Array; scores: Float64Array },
  limit: number,
): Array<[number, number]> {
  return topK(r.scores, r.ids.length, limit).map((i) => [r.ids[i]!, r.scores[i]!]);
}

/** Counts of each stem of a value, from the tokenizer (indexing hands them over on the side). */
function countsOf(tokenizer: Tokenizer, value: string, language: string | undefined, prop: string) {
  const tokens = tokenizer.tokenize(value, language, prop) as string[];
  return termCounts.get(tokens) ?? new Map(tokens.map((t) => [t, 1]));
}

export function createBm25Index(): Base {
  const base = components.index.createIndex();
  const index: Base = {
    ...base,
    create(orama, internalStore, schema) {
      const store = base.create(orama, internalStore, schema) as Store;
      store.text = {};
      for (const [prop, { type }] of Object.entries(store.indexes)) {
        if (type !== 'Radix') continue;
        store.text[prop] = new TextField();
        delete store.indexes[prop];
      }
      return store;
    },
    insert(...args) {
      const [, store, prop, , internalId, value, , language, tokenizer] = args;
      const field = asStore(store).text[prop];
      // Not a text field: Orama's own index takes the call as it came (its generic signature forwards untyped).
      if (!field) return Reflect.apply(base.insert, base, args) as ReturnType<Base['insert']>;
      for (const v of (Array.isArray(value) ? value : [value]) as unknown[]) {
        if (typeof v === 'string') field.insert(internalId, countsOf(tokenizer, v, language, prop));
      }
    },
    remove(...args) {
      const [, store, prop, , internalId, value, , language, tokenizer] = args;
      const field = asStore(store).text[prop];
      if (!field) return Reflect.apply(base.remove, base, args) as ReturnType<Base['remove']>;
      for (const v of (Array.isArray(value) ? value : [value]) as unknown[]) {
        if (typeof v === 'string') field.remove(internalId, countsOf(tokenizer, v, language, prop).keys());
      }
      return true;
    },
    search(
      store,
      term,
      tokenizer: Tokenizer,
      language,
      props,
      _exact,
      tolerance,
      boost,
      relevance,
      docsCount,
      where,
    ) {
      const r = bm25Scores(store, {
        terms: tokenizer.tokenize(term, language),
        props,
        boost: boost as Record<string, number>,
        relevance: relevance as Bm25Relevance,
        tolerance,
        docsCount,
        where: where ? bitsOf(where as Set<number>) : undefined,
      });
      return topScores(r, r.ids.length);
    },
    save(store) {
      const { text, ...rest } = asStore(store);
      const saved = base.save(rest as never) as Saved;
      saved.text = Object.fromEntries(Object.entries(text).map(([prop, f]) => [prop, f.snapshot()]));
      return saved as never;
    },
    load(internalStore, raw) {
      const { text, ...rest } = raw as Saved;
      const store = base.load(internalStore, rest) as Store;
      store.text = Object.fromEntries(
        Object.entries(text ?? {}).map(([prop, snapshot]) => [prop, TextField.restore(snapshot)]),
      );
      return store;
    },
  } satisfies IIndex<AnyIndexStore> as Base;
  return index;
}

/** BM25's IDF of a stem in one property (0 when unknown). */
export function termIdf(store: unknown, prop: string, term: string, docsCount: number): number {
  const df = asStore(store).text[prop]?.df(term) ?? 0;
  return df === 0 ? 0 : Math.log(1 + (docsCount - df + 0.5) / (df + 0.5));
}

/** Ids a filter allows, as a bitmap by internal id, and how many. */
export type Allowed = { bits: Uint8Array; count: number };

/** A bitmap of the ids (a loop, not `Math.max(...ids)`: spreading 100k+ ids overflows the stack). */
function bitsOf(ids: Iterable<number>): Uint8Array {
  const list = [...ids];
  let size = 1;
  for (const id of list) if (id + 1 > size) size = id + 1;
  const bits = new Uint8Array(size);
  for (const id of list) bits[id] = 1;
  return bits;
}

type FlatNode = { numberToDocumentId: Map<unknown, Set<number>> };

/** Orama's per-property indexes of a database's index store (its internals: typed as far as read here). */
function oramaIndexes(
  data: AnyIndexStore,
): Record<string, { type: string; node: unknown } | undefined> | undefined {
  if (typeof data !== 'object' || data === null || !('indexes' in data)) return undefined;
  const { indexes } = data;
  return typeof indexes === 'object' && indexes !== null
    ? (indexes as Record<string, { type: string; node: unknown } | undefined>)
    : undefined;
}

/**
 * Internal ids the `where` clause allows. Enum filters (`in`, and `containsAny` on tags) are read
 * straight from Orama's value -> ids sets into a bitmap; anything else (date ranges) asks Orama for that
 * property alone. Orama's own evaluation of a whole clause turns every set into an array and intersects
 * those: about 90 ms for a one-value filter at 100k docs, against a few here.
 */
export function whereIds(db: AnyOrama, where: Record<string, unknown>): Allowed | undefined {
  const props = Object.keys(where);
  if (props.length === 0) return undefined;
  const size = (db.internalDocumentIDStore as { internalIdToId: unknown[] }).internalIdToId.length + 1;
  let result: Uint8Array | undefined;
  for (const prop of props) {
    const op = where[prop] as Record<string, unknown>;
    const index = oramaIndexes(db.data.index)?.[prop];
    const values = op.in ?? op.containsAny;
    const bits = new Uint8Array(size);
    if (index?.type === 'Flat' && Array.isArray(values) && Object.keys(op).length === 1) {
      const sets = (index.node as FlatNode).numberToDocumentId;
      for (const v of values) for (const id of sets.get(v) ?? []) bits[id] = 1;
    } else {
      const ids = db.index.searchByWhereClause(
        db.data.index,
        db.tokenizer,
        { [prop]: op } as never,
        undefined,
      );
      for (const id of ids as Iterable<number>) if (id < size) bits[id] = 1;
    }
    if (result) for (let i = 0; i < size; i++) result[i]! &= bits[i]!;
    else result = bits;
  }
  let count = 0;
  for (let i = 0; i < size; i++) count += result![i]!;
  return { bits: result!, count };
}

export const externalId = (db: AnyOrama, iid: number): string =>
  String(components.internalDocumentIDStore.getDocumentIdFromInternalId(db.internalDocumentIDStore, iid));

export const internalOf = (db: AnyOrama, id: string): number =>
  components.internalDocumentIDStore.getInternalDocumentId(db.internalDocumentIDStore, id);
