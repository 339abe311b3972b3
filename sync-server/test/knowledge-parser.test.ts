// The knowledge parser's worker threads: a file is read off the event loop, and a file over the time
// or memory budget, or over a parsing limit, comes back failed with the budget named.
import { docxFile, pdfFile } from '@app/shared/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createKnowledgeParser, type KnowledgeParser } from '../src/knowledge/knowledge-parser';

let parser: KnowledgeParser | undefined;
afterEach(async () => {
  await parser?.close();
  parser = undefined;
});

const job = (name: string, bytes: Uint8Array) => ({ sourceId: 'src-1', name, title: name, bytes });

describe('knowledge parser', () => {
  it('reads a file in a worker thread into chunk docs', async () => {
    parser = createKnowledgeParser();
    const reply = await parser.parse(job('price.docx', docxFile({ text: 'Delivery takes two days.' })));
    expect(reply).toMatchObject({ ok: true, chunks: [{ id: 'src-1:0', text: 'Delivery takes two days.' }] });
  }, 60_000);

  it('fails a file over a limit with the limit named (the event loop keeps turning meanwhile)', async () => {
    parser = createKnowledgeParser({ limits: { ...createKnowledgeParser().options.limits, maxPages: 100 } });
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const reply = await parser.parse(job('long.pdf', pdfFile(500)));
    clearInterval(timer);
    expect(reply).toEqual({
      ok: false,
      code: 'file-over-limit',
      message: 'long.pdf: the number of pages is 500, over the limit of 100',
    });
    expect(ticks).toBeGreaterThan(0);
  }, 60_000);

  it('moves bytes that own their buffer to the thread, and copies a slice of a shared one', async () => {
    parser = createKnowledgeParser();
    const owned = new Uint8Array(Buffer.from('Delivery takes two days. '.repeat(400)));
    expect(owned.byteLength).toBe(owned.buffer.byteLength);
    expect(await parser.parse(job('owned.txt', owned))).toMatchObject({ ok: true });
    expect(owned.buffer.byteLength).toBe(0);
    // Small Buffers are slices of Node's pool: moving the pool would empty every other slice of it.
    const pooled = Buffer.from('Returns are free within 30 days.');
    const neighbour = Buffer.from('still here');
    expect(pooled.buffer).toBe(neighbour.buffer);
    expect(await parser.parse(job('pooled.txt', pooled))).toMatchObject({
      ok: true,
      chunks: [{ text: 'Returns are free within 30 days.' }],
    });
    expect(pooled.toString()).toBe('Returns are free within 30 days.');
    expect(neighbour.toString()).toBe('still here');
  }, 60_000);

  it('ends a thread over its time budget', async () => {
    parser = createKnowledgeParser({ timeoutMs: 1 });
    const reply = await parser.parse(job('slow.txt', new TextEncoder().encode('Some text.')));
    expect(reply).toEqual({
      ok: false,
      code: 'file-over-limit',
      message: 'slow.txt: reading the file took longer than the limit of 0.001 s',
    });
  }, 60_000);

  it('ends a thread over its memory budget', async () => {
    parser = createKnowledgeParser({
      memoryMb: 64,
      limits: { ...createKnowledgeParser().options.limits, maxChars: 100_000_000 },
      maxBytes: 100_000_000,
    });
    const text = new TextEncoder().encode('Ab cd ef. '.repeat(3_000_000));
    const reply = await parser.parse(job('huge.txt', text));
    expect(reply).toEqual({
      ok: false,
      code: 'file-over-limit',
      message: 'huge.txt: reading the file needed more than the limit of 64 MB of memory',
    });
  }, 120_000);
});
