import { describe, expect, it } from 'vitest';
import { fromContact, fromKnowledgeChunk, fromLead } from '@app/shared/search';
import { sampleDocs } from '../test/sample-docs';
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
