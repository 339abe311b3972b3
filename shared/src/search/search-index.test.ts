import { describe, expect, it } from 'vitest';
import { LocalEmbedder } from '../embeddings/local-embedder';
import type { SearchDoc } from './docs';
import type { SearchFilters } from './filters';
import { analyzerVersion, SearchIndex } from './search-index';
import { countingEmbedder } from './test-helpers';

const doc = (id: string, text: string, extra: Partial<SearchDoc> = {}): SearchDoc => ({
  id,
  docId: id,
  type: 'knowledge',
  title: '',
  text,
  ...extra,
});

const corpus: SearchDoc[] = [
  doc('k1', 'Доставка по Москве бесплатная при заказе от 5000 рублей.', {
    sourceId: 's1',
    date: Date.parse('2026-01-10'),
  }),
  doc('k2', 'Оплата картой или по счёту для юридических лиц.', {
    sourceId: 's1',
    date: Date.parse('2026-02-10'),
  }),
  doc('k3', 'Our warranty covers every printer for two years, shipping included.', {
    sourceId: 's2',
    language: 'en',
  }),
  doc('k4', 'Тариф Pro включает API, SSO и приоритетную поддержку 24/7.', { sourceId: 's2' }),
  doc('l1', 'Крупный заказ принтеров для офиса', {
    type: 'lead',
    stage: 'proposal',
    ownerId: 'u1',
    title: 'ООО Ромашка',
  }),
  doc('l2', 'Заказ картриджей', { type: 'lead', stage: 'won', ownerId: 'u2', title: 'ИП Иванов' }),
  doc('c1', 'Интересуется доставкой принтеров в Казань', {
    type: 'contact',
    ownerId: 'u1',
    title: 'Анна Петрова, Ромашка',
  }),
];

async function build(embedder = new LocalEmbedder({ dims: 256 })) {
  const index = new SearchIndex({ embedder });
  await index.upsert(corpus);
  return index;
}

const ids = (r: { hits: Array<{ id: string }> }) => r.hits.map((h) => h.id);

describe('SearchIndex', () => {
  it('finds Russian text by another case form of the word, in every mode', async () => {
    const index = await build();
    for (const mode of ['fulltext', 'vector', 'hybrid'] as const) {
      const result = await index.search('доставкой', { mode, filters: { type: 'knowledge' } });
      expect(ids(result)[0], mode).toBe('k1');
    }
  });

  it('searches mixed-script text and queries', async () => {
    const index = await build();
    expect(ids(await index.search('тариф с SSO')).slice(0, 1)).toEqual(['k4']);
    expect(ids(await index.search('printers warranty'))[0]).toBe('k3');
  });

  it('tolerates a typo in a word the index does not know', async () => {
    const index = await build();
    const result = await index.search('дасставка', { mode: 'fulltext', typoTolerance: 2 });
    expect(ids(result)).toContain('k1');
    expect(ids(await index.search('warrenty', { mode: 'fulltext' }))).toContain('k3');
    expect(ids(await index.search('warrenty', { mode: 'fulltext', typoTolerance: 0 }))).toEqual([]);
  });

  it('filters by type, stage, owner and date, in full text and vector search', async () => {
    const index = await build();
    for (const mode of ['fulltext', 'vector', 'hybrid'] as const) {
      expect(ids(await index.search('заказ', { mode, filters: { type: 'lead', stage: 'won' } }))).toEqual([
        'l2',
      ]);
      const owned = ids(await index.search('принтеров', { mode, filters: { ownerId: 'u1' } }));
      expect(owned.sort()).toEqual(['c1', 'l1']);
      const dated = ids(await index.search('доставка оплата', { mode, filters: { dateFrom: '2026-02-01' } }));
      expect(dated).toEqual(['k2']);
    }
  });

  it('sees docs added and removed after a filter was used (filters are remembered per index state)', async () => {
    const index = await build();
    for (const mode of ['fulltext', 'vector', 'hybrid'] as const) {
      const filters: SearchFilters = { type: 'knowledge', sourceId: ['s2', 's9'], tags: ['vip', 'promo'] };
      expect(ids(await index.search('гарантия принтер', { mode, filters }))).toEqual([]);
      await index.upsert([doc('k9', 'Гарантия на принтер три года.', { sourceId: 's9', tags: ['promo'] })]);
      expect(ids(await index.search('гарантия принтер', { mode, filters }))).toEqual(['k9']);
      // Neither a tag outside the filter nor a date outside the range lets it through.
      expect(ids(await index.search('гарантия принтер', { mode, filters: { tags: 'vip' } }))).toEqual([]);
      const ranged = { dateFrom: '2026-01-01', dateTo: '2026-01-31' };
      expect(ids(await index.search('доставка гарантия', { mode, filters: ranged }))).toEqual(['k1']);
      await index.remove(['k9']);
      expect(ids(await index.search('гарантия принтер', { mode, filters }))).toEqual([]);
    }
  });

  it('counts facets and returns highlighted snippets with the source and position to cite', async () => {
    const index = await build();
    await index.upsert([
      doc('k9', 'Доставка в регионы занимает 3–5 дней.', {
        sourceId: 's3',
        position: { start: 10, end: 47 },
        title: 'FAQ',
      }),
    ]);
    const result = await index.search('доставка', { facets: ['type', 'sourceId'] });
    expect(result.facets?.type).toMatchObject({ knowledge: 2, contact: 1 });
    const hit = result.hits.find((h) => h.id === 'k9')!;
    expect(hit).toMatchObject({ sourceId: 's3', position: { start: 10, end: 47 } });
    expect(hit.snippet.html).toContain('<mark>Доставка</mark>');
    expect(hit.snippet.highlights[0]).toEqual([0, 8]);
  });

  it('re-indexes only changed docs, re-embeds only changed text, and deletes', async () => {
    const embedder = countingEmbedder(new LocalEmbedder({ dims: 128 }));
    const index = await build(embedder as never);
    expect(embedder.calls.flat()).toHaveLength(corpus.length);
    const again = await index.upsert(corpus);
    expect(again).toEqual({ indexed: 0, unchanged: corpus.length, embedded: 0 });
    // A stage change re-indexes the lead but keeps its vector; a text change re-embeds.
    const stats = await index.upsert([
      { ...corpus[4]!, stage: 'won' },
      { ...corpus[0]!, text: 'Самовывоз со склада в Химках.' },
    ]);
    expect(stats).toEqual({ indexed: 2, unchanged: 0, embedded: 1 });
    expect(ids(await index.search('заказ', { filters: { stage: 'won' } })).sort()).toEqual(['l1', 'l2']);
    const fulltext = { mode: 'fulltext' } as const;
    expect(ids(await index.search('самовывоз', fulltext))).toEqual(['k1']);
    expect(ids(await index.search('самовывоз'))[0]).toBe('k1');
    expect(ids(await index.search('бесплатная', fulltext))).toEqual([]);
    expect(await index.remove(['k1', 'nope'])).toBe(1);
    expect(ids(await index.search('самовывоз', fulltext))).toEqual([]);
    expect(ids(await index.search('самовывоз'))).not.toContain('k1');
    expect(index.size).toBe(corpus.length - 1);
  });

  it('round-trips through serialize/restore without re-embedding anything', async () => {
    const index = await build();
    const snapshot = structuredClone(await index.serialize());
    const embedder = countingEmbedder(new LocalEmbedder({ dims: 256 }));
    const restored = await SearchIndex.restore(snapshot, { embedder: embedder as never });
    expect(embedder.calls).toEqual([]);
    expect(restored.size).toBe(corpus.length);
    for (const mode of ['fulltext', 'vector', 'hybrid'] as const) {
      const q = 'доставкой';
      expect(ids(await restored.search(q, { mode }))).toEqual(ids(await index.search(q, { mode })));
    }
    expect(await restored.upsert(corpus)).toMatchObject({ indexed: 0, embedded: 0 });
    // Without an embedder, the snapshot's own (local, fitted) embedder comes back.
    const fitted = new LocalEmbedder({ dims: 64 });
    fitted.fit(corpus.map((d) => d.text));
    const withFit = new SearchIndex({ embedder: fitted });
    await withFit.upsert(corpus);
    const again = await SearchIndex.restore(structuredClone(await withFit.serialize()));
    expect(again.embedder?.model).toBe(fitted.model);
    expect(ids(await again.search('доставкой', { mode: 'vector' }))).toEqual(
      ids(await withFit.search('доставкой', { mode: 'vector' })),
    );
    // Another model: everything is re-embedded from the restored text.
    const other = countingEmbedder(new LocalEmbedder({ dims: 64 }));
    const reembedded = await SearchIndex.restore(snapshot, { embedder: other as never });
    expect(other.calls.flat()).toHaveLength(corpus.length);
    expect(
      ids(await reembedded.search('доставкой', { mode: 'vector', filters: { type: 'knowledge' } }))[0],
    ).toBe('k1');
  });

  it('keeps working after a restore: edits, deletes, browsing, facets and a snapshot of the snapshot', async () => {
    const index = await build();
    const snapshot = structuredClone(await index.serialize());
    const restored = await SearchIndex.restore(snapshot);
    // Docs come back from the packed snapshot on first read, with every field.
    expect(restored.get('k1')).toEqual(index.get('k1'));
    expect(await restored.upsert([{ ...corpus[0]!, text: 'Самовывоз со склада в Химках.' }])).toMatchObject({
      indexed: 1,
    });
    expect(await restored.remove(['l1'])).toBe(1);
    const fulltext = { mode: 'fulltext' } as const;
    expect(ids(await restored.search('самовывоз', fulltext))).toEqual(['k1']);
    expect(ids(await restored.search('доставкой', fulltext))).not.toContain('k1');
    expect(restored.get('l1')).toBeUndefined();
    const browsed = await restored.search('', { mode: 'fulltext', limit: 100 });
    expect(browsed.hits).toHaveLength(corpus.length - 1);
    const faceted = await restored.search('', { facets: ['type'], limit: 1 });
    expect(faceted.facets?.type?.lead).toBe(corpus.filter((d) => d.type === 'lead').length - 1);
    // The first snapshot is untouched by those edits; a snapshot of the restored index has them.
    const first = await SearchIndex.restore(structuredClone(snapshot));
    expect(ids(await first.search('самовывоз', fulltext))).toEqual([]);
    const second = await SearchIndex.restore(structuredClone(await restored.serialize()));
    expect(ids(await second.search('самовывоз', fulltext))).toEqual(['k1']);
    expect(second.get('l1')).toBeUndefined();
    expect(second.size).toBe(corpus.length - 1);
    expect(await second.upsert(corpus.filter((d) => d.id !== 'l1' && d.id !== 'k1'))).toMatchObject({
      indexed: 0,
    });
  });

  it('refuses a snapshot of another format with a readable error', async () => {
    const snapshot = await (await build()).serialize();
    await expect(SearchIndex.restore({ ...snapshot, version: 1 as never })).rejects.toThrow(
      /snapshot version 1 is not 2: rebuild the index/,
    );
  });

  it('re-indexes the text of a snapshot made by an older analyzer, keeping its vectors', async () => {
    const index = await build();
    const { analyzer, ...old } = structuredClone(await index.serialize());
    expect(analyzer).toBe(analyzerVersion);
    const embedder = countingEmbedder(new LocalEmbedder({ dims: 256 }));
    const restored = await SearchIndex.restore(old, { embedder: embedder as never });
    expect(embedder.calls).toEqual([]);
    expect(restored.size).toBe(corpus.length);
    for (const mode of ['fulltext', 'hybrid'] as const) {
      const q = 'our warranty for the printer';
      expect(ids(await restored.search(q, { mode }))).toEqual(ids(await index.search(q, { mode })));
    }
  });

  it('reuses a vector stored on the doc when its provider and model match', async () => {
    const local = new LocalEmbedder({ dims: 64 });
    const embedder = countingEmbedder(local);
    const index = new SearchIndex({ embedder: embedder as never });
    const [values] = await local.embed(['Доставка\nтекст']);
    await index.upsert([
      doc('a', 'текст', {
        title: 'Доставка',
        vector: { provider: 'local', model: local.model, values: values! },
      }),
      doc('b', 'другой', { vector: { provider: 'local', model: 'old-model', values: values! } }),
    ]);
    expect(embedder.calls.flat()).toEqual(['другой']);
  });

  it('lists docs by filter for an empty query, newest first', async () => {
    const index = await build();
    expect(ids(await index.search('', { filters: { type: 'knowledge', sourceId: 's1' } }))).toEqual([
      'k2',
      'k1',
    ]);
  });

  // Issue 15: stop words were dropped at index time, so these three questions were one word ("lead")
  // to the index and tied; "what is" / "how do I" carry the meaning of an FAQ question.
  it('indexes stop words, so "what is" questions tell FAQ questions apart', async () => {
    const index = new SearchIndex({ embedder: new LocalEmbedder({ dims: 256 }) });
    await index.upsert([
      doc('f1', 'Where is a lead?'),
      doc('f2', 'What is a lead?'),
      doc('f3', 'Who is a lead?'),
      doc('f4', 'Что такое лид?'),
      doc('f5', 'Где лид?'),
    ]);
    for (const mode of ['fulltext', 'hybrid'] as const) {
      expect(ids(await index.search('what is a lead', { mode }))[0], mode).toBe('f2');
      expect(ids(await index.search('who is a lead', { mode }))[0], mode).toBe('f3');
      expect(ids(await index.search('где лид', { mode }))[0], mode).toBe('f5');
    }
    expect(ids(await index.search('what', { mode: 'fulltext' }))).toEqual(['f2']);
  });
});
