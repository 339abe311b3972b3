// A tiny BM25 retriever over stemmed Russian and English words: the stand-in KnowledgeRetriever for
// tests and the replay CLI (the product uses the Orama hybrid search through the same interface).
import { detectLanguage, stem, words } from '../llm/offline/text-features';
import type { KnowledgeHit } from '../llm/types';
import type { KnowledgeRetriever } from './ports';

export type KnowledgeEntry = Omit<KnowledgeHit, 'score'>;

export function createKeywordRetriever(entries: KnowledgeEntry[], k1 = 1.2, b = 0.75): KnowledgeRetriever {
  const docs = entries.map((e) => {
    const terms = words(`${e.title} ${e.text}`).map(stem);
    const tf = new Map<string, number>();
    for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    return { entry: e, tf, len: terms.length };
  });
  const df = new Map<string, number>();
  for (const d of docs) for (const t of d.tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const avg = docs.reduce((s, d) => s + d.len, 0) / (docs.length || 1);
  const N = docs.length;
  const languages = [...new Set(entries.map((e) => detectLanguage(`${e.title} ${e.text}`)))];
  return {
    languages: async () => languages,
    async search(query, { limit, sourceIds }) {
      const q = [...new Set(words(query).map(stem))];
      const inScope = sourceIds ? docs.filter((d) => sourceIds.includes(d.entry.sourceId)) : docs;
      const scored = inScope.map((d) => {
        let score = 0;
        for (const t of q) {
          const f = d.tf.get(t);
          if (!f) continue;
          const idf = Math.log(1 + (N - df.get(t)! + 0.5) / (df.get(t)! + 0.5));
          score += (idf * f * (k1 + 1)) / (f + k1 * (1 - b + (b * d.len) / avg));
        }
        return { d, score };
      });
      return scored
        .filter((s) => s.score > 0)
        .sort((x, y) => y.score - x.score || x.d.entry.chunkId.localeCompare(y.d.entry.chunkId))
        .slice(0, limit)
        .map((s) => ({ ...s.d.entry, score: Math.round(s.score * 1000) / 1000 }));
    },
  };
}

/** Cuts Markdown into chunks at headings, each with its heading path as the title. */
export function chunkMarkdown(sourceId: string, title: string, markdown: string): KnowledgeEntry[] {
  const out: KnowledgeEntry[] = [];
  let heading = title;
  let buf: string[] = [];
  const flush = () => {
    const text = buf.join('\n').trim();
    if (text) out.push({ chunkId: `${sourceId}:${out.length}`, sourceId, title: heading, text });
    buf = [];
  };
  for (const line of markdown.split(/\r?\n/)) {
    const h = line.match(/^#{1,6}\s+(.*)$/);
    if (h) {
      flush();
      heading = h[1]!.trim() === title ? title : `${title} › ${h[1]!.trim()}`;
    } else buf.push(line);
  }
  flush();
  return out;
}
