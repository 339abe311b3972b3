import { describe, expect, it } from 'vitest';
import { LocalEmbedder } from '../embeddings/local-embedder';
import type { ErrorCode } from '../errors';
import { SearchIndex } from '../search/search-index';
import { validateDoc } from '../validation';
import { makeDocx, makePdf, makeZip } from './fixtures/make-files';
import { ingestFiles, parseKnowledgeFile, type IngestProgress } from './ingest';
import type { KnowledgeFile } from './types';

const markdown = `# Доставка

Доставка по Москве бесплатная при заказе от 5000 рублей. Срок — один день.

## Регионы

Доставка в регионы занимает 3–5 дней. Отправляем **СДЭК** и [Почтой России](https://pochta.ru).
`;

const files: Record<string, KnowledgeFile> = {
  text: { name: 'notes.txt', data: 'Первый абзац о гарантии.\n\nВторой абзац: warranty is two years.' },
  markdown: { name: 'delivery.md', data: markdown },
  html: {
    name: 'page.html',
    data: '<html><head><title>Оплата</title><style>p{}</style></head><body><h1>Способы оплаты</h1><p>Картой &amp; по счёту.</p><script>x()</script><h2>Возврат</h2><p>Возврат денег за 10 дней.</p></body></html>',
  },
  pdf: {
    name: 'price.pdf',
    data: makePdf(['Price list\nPro plan costs 100 USD.', 'Enterprise plan: ask sales.']),
  },
  docx: {
    name: 'policy.docx',
    data: makeDocx([
      '# Policy',
      'Returns are accepted within 14 days.',
      '## Exceptions',
      'Custom orders cannot be returned.',
    ]),
  },
  csv: {
    name: 'faq.csv',
    data: 'Вопрос,Ответ\nСколько стоит доставка?,Бесплатно от 5000 рублей\n"Есть ли гарантия?","Да, два года"\n',
  },
};

describe('parseKnowledgeFile', () => {
  it.each(Object.keys(files))('reads %s into valid chunk docs with headings and positions', async (kind) => {
    const { source, chunks } = await parseKnowledgeFile(files[kind]!, {
      now: () => new Date('2026-03-01T00:00:00Z'),
    });
    expect(validateDoc('knowledge_sources', source).ok).toBe(true);
    expect(chunks.length).toBeGreaterThan(0);
    for (const c of chunks) {
      expect(validateDoc('knowledge_chunks', c)).toMatchObject({ ok: true });
      expect(c.position.end).toBeGreaterThan(c.position.start);
      expect(c.sourceId).toBe(source.id);
    }
    expect(chunks.map((c) => c.ordinal)).toEqual(chunks.map((_, i) => i));
  });

  it('keeps structure: headings, pages, rows, Q&A pairs', async () => {
    const md = await parseKnowledgeFile(files.markdown!);
    expect(md.source).toMatchObject({ kind: 'markdown', title: 'Доставка' });
    expect(md.chunks.at(-1)!.headings).toEqual(['Доставка', 'Регионы']);
    expect(md.chunks.at(-1)!.text).toContain('Отправляем СДЭК и Почтой России');
    const offset = md.chunks[0]!.position;
    expect(markdown.slice(offset.start, offset.end)).toContain('Доставка по Москве');

    const html = await parseKnowledgeFile(files.html!);
    expect(html.source.title).toBe('Оплата');
    expect(html.chunks.map((c) => [c.headings, c.text])).toEqual([
      [['Способы оплаты'], 'Картой & по счёту.'],
      [['Способы оплаты', 'Возврат'], 'Возврат денег за 10 дней.'],
    ]);

    const pdf = await parseKnowledgeFile(files.pdf!);
    expect(pdf.chunks.map((c) => c.position.page)).toEqual([1, 2]);
    expect(pdf.chunks[1]!.text).toContain('Enterprise plan');

    const docx = await parseKnowledgeFile(files.docx!);
    expect(docx.chunks.at(-1)).toMatchObject({
      headings: ['Policy', 'Exceptions'],
      text: 'Custom orders cannot be returned.',
    });

    const csv = await parseKnowledgeFile(files.csv!);
    expect(csv.chunks).toHaveLength(2);
    expect(csv.chunks[1]).toMatchObject({
      question: 'Есть ли гарантия?',
      answer: 'Да, два года',
      position: { row: 3 },
    });
  });

  it('cuts long text at sentences with overlap, within the size limit', async () => {
    const sentences = Array.from({ length: 60 }, (_, i) => `Предложение номер ${i} рассказывает о доставке.`);
    const { chunks } = await parseKnowledgeFile(
      { name: 'long.txt', data: sentences.join(' ') },
      { chunker: { maxChars: 300, overlap: 80 } },
    );
    expect(chunks.length).toBeGreaterThan(5);
    for (const c of chunks) {
      expect(c.text.length).toBeLessThanOrEqual(300);
      expect(c.text).toMatch(/^Предложение номер \d+/);
    }
    const firstOfSecond = chunks[1]!.text.split('.')[0];
    expect(chunks[0]!.text).toContain(firstOfSecond);
  });

  const broken: Array<[string, KnowledgeFile, ErrorCode]> = [
    ['truncated PDF', { name: 'cut.pdf', data: makePdf(['Hello world']).slice(0, 120) }, 'file-unreadable'],
    [
      'encrypted PDF',
      { name: 'secret.pdf', data: makePdf(['Secret'], { encrypted: true }) },
      'file-encrypted',
    ],
    [
      'zip that is not a DOCX',
      { name: 'fake.docx', data: makeZip({ 'readme.txt': 'hello' }) },
      'file-unreadable',
    ],
    ['garbage as DOCX', { name: 'junk.docx', data: new Uint8Array([1, 2, 3, 4, 5]) }, 'file-unreadable'],
    [
      'encrypted DOCX (OLE container)',
      { name: 'locked.docx', data: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]) },
      'file-encrypted',
    ],
    ['empty file', { name: 'empty.txt', data: new Uint8Array() }, 'file-empty'],
    ['whitespace only', { name: 'blank.md', data: '  \n\n \n' }, 'file-empty'],
    ['oversized', { name: 'big.txt', data: 'x'.repeat(2000) }, 'file-too-large'],
    [
      'binary garbage as .txt',
      { name: 'bin.txt', data: Uint8Array.from({ length: 900 }, (_, i) => (i * 7919) % 256) },
      'file-unreadable',
    ],
    ['CSV without Q/A columns', { name: 'people.csv', data: 'name,email\nAnna,a@x.ru\n' }, 'file-unreadable'],
    [
      'unknown type',
      { name: 'photo.png', data: new Uint8Array([0x89, 0x50, 0x4e, 0x47]) },
      'unsupported-file',
    ],
  ];

  it.each(broken)('refuses a %s with a clear error', async (_what, file, code) => {
    await expect(parseKnowledgeFile(file, { maxBytes: 1000 })).rejects.toMatchObject({
      code,
      message: expect.stringContaining(file.name),
    });
  });
});

describe('ingestFiles', () => {
  it('indexes good files, reports each broken one, and leaves nothing of a failed file behind', async () => {
    const index = new SearchIndex({ embedder: new LocalEmbedder({ dims: 128 }) });
    const events: IngestProgress[] = [];
    const results = await ingestFiles(
      [files.markdown!, { name: 'cut.pdf', data: makePdf(['Hello']).slice(0, 100) }, files.csv!],
      { index, onProgress: (e) => events.push(e) },
    );
    expect(results.map((r) => r.ok)).toEqual([true, false, true]);
    expect(results[1]).toMatchObject({ ok: false, error: { code: 'file-unreadable' } });
    const indexed = results.flatMap((r) => (r.ok ? r.chunks : []));
    expect(index.size).toBe(indexed.length);
    expect(indexed.every((c) => c.embedding?.provider === 'local' && c.embedding.values.length === 128)).toBe(
      true,
    );
    expect(events.filter((e) => e.stage === 'done').map((e) => e.file)).toEqual(['delivery.md', 'faq.csv']);
    expect(events.find((e) => e.stage === 'failed')).toMatchObject({
      file: 'cut.pdf',
      fileIndex: 1,
      files: 3,
    });
    expect(events.some((e) => e.stage === 'embedding' && e.embedded === e.chunks)).toBe(true);

    const hit = (await index.search('доставкой в регионы', { limit: 1 })).hits[0]!;
    expect(hit).toMatchObject({
      type: 'knowledge',
      sourceTitle: 'Доставка',
      headings: ['Доставка', 'Регионы'],
    });
  });

  it('rolls back a file whose commit fails half-way', async () => {
    const index = new SearchIndex({ embedder: new LocalEmbedder({ dims: 64 }) });
    let calls = 0;
    const upsert = index.upsert.bind(index);
    index.upsert = async (docs) => {
      await upsert(docs);
      if (++calls === 1) throw new Error('disk full');
      return { indexed: docs.length, unchanged: 0, embedded: 0 };
    };
    const [result] = await ingestFiles([files.markdown!], { index });
    expect(result).toMatchObject({ ok: false, error: { code: 'file-unreadable' } });
    expect(index.size).toBe(0);
  });

  it('re-importing a changed file replaces its chunks', async () => {
    const index = new SearchIndex({ embedder: new LocalEmbedder({ dims: 64 }) });
    const [first] = await ingestFiles([files.markdown!], { index });
    const shorter = { name: 'delivery.md', data: '# Доставка\n\nТолько самовывоз.' };
    const [second] = await ingestFiles([shorter], { index });
    expect(first!.ok && second!.ok).toBe(true);
    expect(index.size).toBe(1);
    expect((await index.search('самовывоз', { mode: 'fulltext' })).hits).toHaveLength(1);
  });
});
