// Search benchmark: index build time and query latency (full text, vector, hybrid; p50/p95) at 1k, 10k
// and 100k chunks, next to baselines measured in the same run: Orama with its defaults (default
// tokenizer, its own vector index and hybrid mode, 384-dim vectors) and MiniSearch for full text.
// `npm run bench -w shared [-- --quick | --smoke]` (quick skips 100k, smoke runs 1k only). Latency
// goals are judged on the median of 3 passes over the queries. Then retrieval quality on the public
// sets, tuning and held-out splits next to plain BM25 (search-quality.ts). JSON:
// bench/results/search[-mode].json.
import { create, insertMultiple, search as oramaSearch } from '@orama/orama';
import MiniSearch from 'minisearch';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { LocalEmbedder } from '../src/embeddings/local-embedder';
import { SearchIndex, type SearchMode } from '../src/search/search-index';
import {
  newReport,
  peakRssMb,
  printReport,
  repeated,
  resultsFile,
  summarize,
  writeJson,
  type BenchMode,
  type BenchReport,
  type Figure,
} from './report';
import { benchData } from './search-corpus';
import { outOfScopeQuality, retrievalQuality } from './search-quality';

const resultsDir = fileURLToPath(new URL('./results/', import.meta.url));
const k = (n: number) => (n >= 1000 ? `${n / 1000}k` : String(n));
const heapMb = () => {
  const m = process.memoryUsage();
  return (m.heapUsed + m.arrayBuffers) / 1024 / 1024;
};
// A real GC before each memory reading (the flag can be set at run time; `gc` then lives in a new context).
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

async function time<T>(fn: () => Promise<T> | T): Promise<[T, number]> {
  const started = performance.now();
  const value = await fn();
  return [value, performance.now() - started];
}

async function latencies(queries: string[], fn: (q: string) => Promise<unknown> | unknown) {
  for (const q of queries.slice(0, 20)) await fn(q); // warm-up
  const samples: number[] = [];
  for (const q of queries) {
    const started = performance.now();
    await fn(q);
    samples.push(performance.now() - started);
  }
  return summarize(samples);
}

/** p50 and p95 of each of `passes` passes over the queries, for a median with its spread. */
async function repeatedLatencies(
  passes: number,
  queries: string[],
  fn: (q: string) => Promise<unknown> | unknown,
) {
  const runs: Array<{ p50: number; p95: number }> = [];
  for (let i = 0; i < passes; i++) runs.push(await latencies(queries, fn));
  return { p50: repeated(runs.map((r) => r.p50)), p95: repeated(runs.map((r) => r.p95)) };
}

async function benchSize(report: BenchReport, size: number, queryCount: number, quick: boolean) {
  const figures = report.figures;
  const { chunks, queries } = benchData(size, queryCount);
  const at = k(size);
  gc();
  const heapBefore = heapMb();

  // Ours: local embedder (fitted on the corpus), Orama BM25 with the mixed tokenizer, typed-array vectors.
  const embedder = new LocalEmbedder();
  const [index, buildMs] = await time(async () => {
    embedder.fit(chunks);
    const idx = new SearchIndex({ embedder });
    await idx.upsert(
      chunks.map((text, i) => ({ id: `c${i}`, docId: `c${i}`, type: 'knowledge' as const, title: '', text })),
    );
    return idx;
  });
  gc();
  const ourHeap = heapMb() - heapBefore;

  // Cold start: restore from a snapshot (no re-embedding), before the baselines are built so their
  // memory and the snapshot's are not held at once. The snapshot is the structured clone of
  // `serialize()` (what IndexedDB keeps in the desktop; v8.serialize here): no string to outgrow
  // V8's limit, which JSON.stringify reached at 100k.
  await coldStart(figures, at, size, index, embedder, buildMs);

  // Baseline 1: Orama defaults with a 384-dim vector per chunk (the same local features, 384 buckets).
  const small = new LocalEmbedder({ dims: 384 });
  small.fit(chunks);
  const vectors = await small.embed(chunks);
  gc();
  const baseHeapBefore = heapMb();
  const [orama, oramaBuildMs] = await time(async () => {
    const db = create({ schema: { text: 'string', embedding: 'vector[384]' } as const });
    await insertMultiple(
      db,
      chunks.map((text, i) => ({ id: `c${i}`, text, embedding: vectors[i]! })),
      1000,
    );
    return db;
  });
  gc();
  const oramaHeap = heapMb() - baseHeapBefore;
  const queryVectors = new Map(queries.map((q) => [q, small.embedOne(q)]));

  // Baseline 2: MiniSearch, full text only.
  const [mini, miniBuildMs] = await time(() => {
    const ms = new MiniSearch({ fields: ['text'], idField: 'id' });
    ms.addAll(chunks.map((text, i) => ({ id: `c${i}`, text })));
    return ms;
  });

  figures.push({
    name: `${at}: index build (embed + index)`,
    value: buildMs,
    unit: 'ms',
    baseline: { name: 'orama defaults (vectors given)', value: oramaBuildMs },
    note: `minisearch full text only: ${miniBuildMs.toFixed(0)} ms`,
  });
  figures.push({
    name: `${at}: index build / orama defaults build`,
    value: buildMs / oramaBuildMs,
    unit: '×',
    ...(size >= 100_000 ? { goal: '<= 2' } : {}),
    note: 'ours embeds every chunk; orama is given its vectors',
  });
  figures.push({
    name: `${at}: index memory (heap + buffers)`,
    value: ourHeap,
    unit: 'MB',
    baseline: { name: 'orama defaults', value: oramaHeap },
    note: `ours: 1024-dim int8 vectors + BM25; orama: 384-dim vectors + BM25`,
  });

  const modes: Array<[SearchMode, 'fulltext' | 'vector' | 'hybrid']> = [
    ['fulltext', 'fulltext'],
    ['vector', 'vector'],
    ['hybrid', 'hybrid'],
  ];
  for (const [mode, oramaMode] of modes) {
    const ours = await repeatedLatencies(3, queries, (q) =>
      index.search(q, { mode, limit: 10, snippetLength: 200 }),
    );
    // Orama's defaults take up to a second per query at 100k (and ~100 ms at 10k): fewer samples
    // there, and in a quick run.
    const baseQueries =
      size >= 100_000 ? queries.slice(0, 30) : quick && size >= 10_000 ? queries.slice(0, 60) : queries;
    const base = await latencies(baseQueries, (q) =>
      oramaSearch(orama, {
        mode: oramaMode,
        term: q,
        limit: 10,
        ...(oramaMode === 'fulltext'
          ? {}
          : { vector: { value: Array.from(queryVectors.get(q)!), property: 'embedding' }, similarity: 0.1 }),
      } as never),
    );
    const hybrid = mode === 'hybrid';
    figures.push({
      name: `${at}: ${mode} p50`,
      ...ours.p50,
      unit: 'ms',
      ...(hybrid && size === 10_000 ? { goal: '<= 5' } : {}),
      baseline: { name: 'orama defaults', value: base.p50 },
    });
    figures.push({
      name: `${at}: ${mode} p95`,
      ...ours.p95,
      unit: 'ms',
      ...(hybrid && size >= 10_000 ? { goal: '<= 15' } : {}),
      baseline: { name: 'orama defaults', value: base.p95 },
    });
    if (mode === 'fulltext') {
      const ms = await latencies(baseQueries, (q) => mini.search(q).slice(0, 10));
      figures.push({
        name: `${at}: fulltext p50 vs minisearch`,
        value: ours.p50.value,
        unit: 'ms',
        baseline: { name: 'minisearch', value: ms.p50 },
      });
      figures.push({
        name: `${at}: fulltext p95 vs minisearch`,
        value: ours.p95.value,
        unit: 'ms',
        baseline: { name: 'minisearch', value: ms.p95 },
      });
    }
  }
  const filtered = await latencies(queries, (q) =>
    index.search(q, { limit: 10, filters: { sourceId: 'none', type: 'knowledge' } }),
  );
  figures.push({
    name: `${at}: hybrid with a filter p50`,
    value: filtered.p50,
    unit: 'ms',
    note: 'pre-filtered vector scan',
  });
}

export async function run(mode: BenchMode): Promise<void> {
  const report = newReport('search');
  const resultsPath = resultsFile(resultsDir, 'search', mode);
  const sizes = { smoke: [1_000], quick: [1_000, 10_000], full: [1_000, 10_000, 100_000] }[mode];
  for (const size of sizes) {
    const queryCount = mode === 'smoke' ? 30 : size >= 100_000 || mode === 'quick' ? 100 : 200;
    await benchSize(report, size, queryCount, mode !== 'full');
    console.error(`search bench: ${k(size)} done (${peakRssMb().toFixed(0)} MB peak RSS)`);
    // Partial results survive a long 100k stage being cut short.
    writeJson(resultsPath, report);
  }
  const quality = await retrievalQuality();
  report.figures.push(...quality.figures);
  report.tables = [
    '#### Retrieval: tuning and held-out splits, plain BM25 computed in the same run\n\n' + quality.table,
  ];
  // A smoke run puts 20 utterances of each known intent in the knowledge base.
  const scope = await outOfScopeQuality(mode === 'smoke' ? { perIntent: 20 } : {});
  if (scope) {
    report.figures.push(...scope.figures);
    report.tables.push('#### Out-of-scope detection: banking77 with held-out intents\n\n' + scope.table);
  }
  report.figures.push({ name: 'peak memory (RSS, whole run)', value: peakRssMb(), unit: 'MB' });
  printReport(report, resultsPath);
}

async function coldStart(
  figures: Figure[],
  at: string,
  size: number,
  index: SearchIndex,
  embedder: LocalEmbedder,
  buildMs: number,
): Promise<void> {
  const goal = size >= 100_000 ? { goal: '<= 1000' } : {};
  try {
    const snapshot = serialize(await index.serialize());
    gc();
    const [, restoreMs] = await time(async () => SearchIndex.restore(deserialize(snapshot), { embedder }));
    figures.push({
      name: `${at}: cold start (restore snapshot)`,
      value: restoreMs,
      unit: 'ms',
      ...goal,
      baseline: { name: 'rebuild', value: buildMs },
      note: `snapshot ${(snapshot.length / 1024 / 1024).toFixed(1)} MB (structured clone), 0 texts embedded; peak RSS so far ${peakRssMb().toFixed(0)} MB`,
    });
  } catch (error) {
    // Counted as not measured in the report (NaN), not silently dropped.
    figures.push({
      name: `${at}: cold start (restore snapshot)`,
      value: NaN,
      unit: 'ms',
      ...goal,
      note: `not measured: ${(error as Error).message}`,
    });
  }
}
