// Orama's index component, changed where ranking and speed need it:
// - real term frequencies: at indexing time the tokenizer hands Orama each stem once and the count of
//   each stem on the side (`termCounts`), so BM25 sees true frequencies and lengths (Orama's own stores
//   count / length, which flattens BM25) and the radix tree is not re-walked for repeated words;
// - exact term lookup, with typo tolerance (Levenshtein) only for query words the index does not know,
//   so a correct word never drags in look-alikes and a misspelt one still finds its documents;
// - BM25 scored in a typed array over internal ids with a top-k selection (no per-document maps, no
//   full sort): the hot loop of every query.
import { components } from '@orama/orama';
import type { AnyIndexStore, AnyOrama, IIndex, Tokenizer } from '@orama/orama';
import { topK } from './top-k';

/** Orama's radix tree node: edge label `s`, children by first char `c`, word end `e`, word `w`, docs `d`. */
type RadixNode = { s: string; c: Map<string, RadixNode>; e: boolean; w: string; d: Set<number> };
type Store = {
  indexes: Record<string, { type: string; node: RadixNode }>;
  frequencies: Record<string, Record<number, Record<string, number> | undefined>>;
  tokenOccurrences: Record<string, Record<string, number>>;
  fieldLengths: Record<string, Record<number, number | undefined>>;
  avgFieldLength: Record<string, number | undefined>;
  sharedInternalDocumentStore: unknown;
  /** Ours, not saved by Orama: property -> stem -> internal id -> count; rebuilt from `frequencies`. */
  postings?: Record<string, Map<string, Map<number, number>>>;
};
type Base = ReturnType<typeof components.index.createIndex>;

export type Bm25Relevance = { k: number; b: number; d: number };

/** Words shorter than this are never matched with a typo: too many look-alikes. */
export const minTypoLength = 4;

/** Per-stem counts of an indexed value, keyed by the unique-token array the tokenizer returned. */
export const termCounts = new WeakMap<string[], Map<string, number>>();

const asStore = (store: unknown) => store as Store;

/** Postings lists by stem (Orama keeps counts per document, which is slow to scan per query). */
function postingsOf(s: Store): Record<string, Map<string, Map<number, number>>> {
  if (s.postings) return s.postings;
  const postings: Record<string, Map<string, Map<number, number>>> = {};
  for (const [prop, docs] of Object.entries(s.frequencies)) {
    const byTerm = (postings[prop] = new Map<string, Map<number, number>>());
    for (const [iid, freqs] of Object.entries(docs)) {
      if (!freqs) continue;
      for (const [term, tf] of Object.entries(freqs)) {
        let list = byTerm.get(term);
        if (!list) byTerm.set(term, (list = new Map()));
        list.set(Number(iid), tf);
      }
    }
  }
  return (s.postings = postings);
}
const internalId = (store: Store, id: unknown) =>
  components.internalDocumentIDStore.getInternalDocumentId(
    store.sharedInternalDocumentStore as never,
    id as string,
  );

export type Bm25Query = {
  terms: string[];
  props: string[];
  boost?: Record<string, number>;
  relevance: Bm25Relevance;
  tolerance: number;
  docsCount: number;
  /** Internal ids allowed by filters. */
  where?: Set<number>;
  /** Weight of indexed words that merely start with a query word ("strike" -> "strikethrough"); 0 = off. */
  prefix?: number;
  /** Weight of each query stem (e.g. stop words weighed down); 1 when absent. */
  weights?: Map<string, number>;
};

/** Query words shorter than this never expand to longer words. */
export const minPrefixLength = 4;
const maxPrefixWords = 24;

/** Indexed words that start with `term` (not `term` itself), at most `max`. */
function prefixWords(root: RadixNode, term: string, max: number): string[] {
  let node = root;
  let i = 0;
  while (i < term.length) {
    const child = node.c.get(term[i]!);
    if (!child) return [];
    let j = 0;
    while (j < child.s.length && i + j < term.length && child.s[j] === term[i + j]) j++;
    if (i + j === term.length) {
      node = child;
      break;
    }
    if (j < child.s.length) return [];
    node = child;
    i += j;
  }
  const out: string[] = [];
  const stack = [node];
  while (stack.length && out.length < max) {
    const n = stack.pop()!;
    if (n.e && n.w !== term && n.d.size > 0) out.push(n.w);
    for (const c of n.c.values()) stack.push(c);
  }
  return out;
}

let acc = new Float64Array(1024);

/** Words within `tolerance` edits of `term` (Levenshtein rows carried down the tree, pruned). */
function fuzzyWords(root: RadixNode, term: string, tolerance: number): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>();
  const first = Array.from({ length: term.length + 1 }, (_, i) => i);
  const walk = (node: RadixNode, row: number[]) => {
    for (const child of node.c.values()) {
      let current = row;
      let alive = true;
      for (const ch of child.s) {
        const next = [current[0]! + 1];
        let best = next[0]!;
        for (let j = 1; j <= term.length; j++) {
          const cost = term[j - 1] === ch ? 0 : 1;
          const v = Math.min(next[j - 1]! + 1, current[j]! + 1, current[j - 1]! + cost);
          next.push(v);
          if (v < best) best = v;
        }
        current = next;
        if (best > tolerance) {
          alive = false;
          break;
        }
      }
      if (!alive) continue;
      if (child.e && current[term.length]! <= tolerance && child.d.size > 0) out.set(child.w, child.d);
      walk(child, current);
    }
  };
  walk(root, first);
  return out;
}

/** BM25 over the given properties; returns every matching internal id with its score, unsorted. */
export function bm25Scores(store: unknown, q: Bm25Query): { ids: number[]; scores: Float64Array } {
  const s = asStore(store);
  const ids: number[] = [];
  const { k, b, d } = q.relevance;
  const postings = postingsOf(s);
  const trees = q.props.flatMap((prop) => {
    const tree = s.indexes[prop];
    const byTerm = postings[prop];
    return tree?.type === 'Radix' && byTerm ? [{ prop, tree, byTerm, weight: q.boost?.[prop] ?? 1 }] : [];
  });
  for (const term of new Set(q.terms)) {
    const termWeight = q.weights?.get(term) ?? 1;
    if (termWeight <= 0) continue;
    let found = trees.map(({ byTerm }): Array<[string, number]> =>
      byTerm.get(term)?.size ? [[term, 1]] : [],
    );
    const known = found.some((f) => f.length > 0);
    if (!known && q.tolerance > 0 && term.length >= minTypoLength) {
      found = trees.map(({ tree }) =>
        [...fuzzyWords(tree.node, term, q.tolerance).keys()].map((w) => [w, 1]),
      );
    }
    if (q.prefix && term.length >= minPrefixLength) {
      trees.forEach(({ tree }, i) => {
        for (const w of prefixWords(tree.node, term, maxPrefixWords)) found[i]!.push([w, q.prefix!]);
      });
    }
    trees.forEach(({ prop, byTerm, weight }, i) => {
      const lengths = s.fieldLengths[prop]!;
      const avg = s.avgFieldLength[prop] || 1;
      for (const [word, share] of found[i]!) {
        const list = byTerm.get(word);
        if (!list) continue;
        const df = list.size;
        const idf = Math.log(1 + (q.docsCount - df + 0.5) / (df + 0.5)) * weight * share * termWeight;
        for (const [id, tf] of list) {
          if (q.where && !q.where.has(id)) continue;
          const norm = k * (1 - b + (b * (lengths[id] ?? avg)) / avg);
          if (id >= acc.length) {
            const bigger = new Float64Array(Math.max(id + 1, acc.length * 2));
            bigger.set(acc);
            acc = bigger;
          }
          if (acc[id] === 0) ids.push(id);
          acc[id]! += (idf * (d + tf * (k + 1))) / (tf + norm);
        }
      }
    });
  }
  const scores = new Float64Array(ids.length);
  ids.forEach((id, i) => {
    scores[i] = acc[id]!;
    acc[id] = 0;
  });
  return { ids, scores };
}

/** The `limit` best [internal id, score] pairs, highest first. */
export function topScores(
  r: { ids: number[]; scores: Float64Array },
  limit: number,
): Array<[number, number]> {
  return topK(r.scores, r.ids.length, limit).map((i) => [r.ids[i]!, r.scores[i]!]);
}

export function createBm25Index(): Base {
  const base = components.index.createIndex();
  const index: Base = {
    ...base,
    insertDocumentScoreParameters(store, prop, id, tokens, docsCount) {
      const s = asStore(store);
      const counts = termCounts.get(tokens);
      let length = 0;
      if (counts) for (const c of counts.values()) length += c;
      else length = tokens.length;
      const iid = internalId(s, id);
      s.avgFieldLength[prop] = ((s.avgFieldLength[prop] ?? 0) * (docsCount - 1) + length) / docsCount;
      s.fieldLengths[prop]![iid] = length;
      s.frequencies[prop]![iid] = {};
    },
    insertTokenScoreParameters(store, prop, id, tokens, token) {
      const s = asStore(store);
      const freqs = s.frequencies[prop]![internalId(s, id)]!;
      if (freqs[token] !== undefined) return;
      const tf = termCounts.get(tokens)?.get(token) ?? 1;
      freqs[token] = tf;
      s.tokenOccurrences[prop]![token] = (s.tokenOccurrences[prop]![token] ?? 0) + 1;
      const byTerm = (postingsOf(s)[prop] ??= new Map());
      let list = byTerm.get(token);
      if (!list) byTerm.set(token, (list = new Map()));
      list.set(internalId(s, id), tf);
    },
    removeDocumentScoreParameters(store, prop, id, docsCount) {
      const s = asStore(store);
      const iid = internalId(s, id);
      const byTerm = postingsOf(s)[prop];
      for (const token of Object.keys(s.frequencies[prop]?.[iid] ?? {})) {
        const list = byTerm?.get(token);
        list?.delete(iid);
        if (list?.size === 0) byTerm!.delete(token);
      }
      return base.removeDocumentScoreParameters(store as never, prop, id, docsCount);
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
        where: where as Set<number> | undefined,
      });
      return topScores(r, r.ids.length);
    },
  } satisfies IIndex<AnyIndexStore> as Base;
  return index;
}

/** BM25's IDF of a stem in one property (0 when unknown). */
export function termIdf(store: unknown, prop: string, term: string, docsCount: number): number {
  const df = postingsOf(asStore(store))[prop]?.get(term)?.size ?? 0;
  return df === 0 ? 0 : Math.log(1 + (docsCount - df + 0.5) / (df + 0.5));
}

/** Internal ids the `where` clause allows (Orama's own filter indexes). */
export function whereIds(db: AnyOrama, where: Record<string, unknown>): Set<number> | undefined {
  if (Object.keys(where).length === 0) return undefined;
  return db.index.searchByWhereClause(db.data.index, db.tokenizer, where as never, undefined) as Set<number>;
}

export const externalId = (db: AnyOrama, iid: number): string =>
  String(components.internalDocumentIDStore.getDocumentIdFromInternalId(db.internalDocumentIDStore, iid));

export const internalOf = (db: AnyOrama, id: string): number =>
  components.internalDocumentIDStore.getInternalDocumentId(db.internalDocumentIDStore, id);
