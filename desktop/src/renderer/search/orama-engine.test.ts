import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { fromContact, fromKnowledgeChunk, fromLead } from '@app/shared/search';
import { sampleDocs } from '../test/sample-docs';
import { IndexSnapshotStore } from './index-snapshot-store';
import { OramaEngine } from './orama-engine';

describe('Orama engine of the search worker', () => {
  it('indexes leads, contacts and chunks, finds Russian by stem and explains the ranking', async () => {
    const engine = new OramaEngine();
    await engine.replaceAll([
      fromLead(sampleDocs.leads),
      fromContact(sampleDocs.contacts),
      fromKnowledgeChunk(
        { ...sampleDocs.knowledge_chunks, text: 'Доставка по России за три дня.' },
        'Доставка',
      ),
    ]);
    expect(engine.size).toBe(3);
    const [hit] = await engine.search('доставкой', 5);
    expect(hit).toMatchObject({ id: 'source-1:0', type: 'knowledge' });
    expect(hit!.why[0]).toMatch(/^BM25 /);
    expect(await engine.search('   ', 5)).toEqual([]);
  });

  it('drops docs that are gone on the next replace', async () => {
    const engine = new OramaEngine();
    await engine.replaceAll([fromLead(sampleDocs.leads), fromContact(sampleDocs.contacts)]);
    await engine.replaceAll([fromContact(sampleDocs.contacts)]);
    expect(engine.size).toBe(1);
    expect((await engine.search('Ромашка', 5)).map((h) => h.type)).toEqual(['contact']);
  });
});

describe('the index kept on the device', () => {
  const docs = () => [
    fromLead(sampleDocs.leads),
    fromContact(sampleDocs.contacts),
    fromKnowledgeChunk(
      { ...sampleDocs.knowledge_chunks, text: 'Доставка по России за три дня.' },
      'Доставка',
    ),
  ];

  it('comes back from IndexedDB as it was, and the next rebuild re-indexes only what changed', async () => {
    const engine = new OramaEngine();
    expect(await engine.replaceAll(docs())).toBe(3);
    const store = new IndexSnapshotStore('app-db-1', 'token-a');
    await store.write(await engine.snapshot());

    const next = new OramaEngine();
    const snapshot = await new IndexSnapshotStore('app-db-1', 'token-a').read();
    await next.restore(snapshot!);
    expect(next.size).toBe(3);
    expect(await next.search('доставкой', 5)).toEqual(await engine.search('доставкой', 5));
    expect(await next.replaceAll(docs())).toBe(0);
    expect(await next.replaceAll(docs().slice(1))).toBe(1);
  });

  it('never hands an index to another database of the same name, and forgets on clear', async () => {
    const engine = new OramaEngine();
    await engine.replaceAll(docs());
    const store = new IndexSnapshotStore('app-db-2', 'token-a');
    await store.write(await engine.snapshot());
    expect(await new IndexSnapshotStore('app-db-2', 'token-b').read()).toBeUndefined();
    expect(await new IndexSnapshotStore('app-db-3', 'token-a').read()).toBeUndefined();
    await store.clear();
    expect(await store.read()).toBeUndefined();
  });
});
